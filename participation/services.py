"""Writes for social reporting: sending a report, processing it, collections with their
invitations and reminders, and the monthly meeting's minutes. Each write is one
transaction with its audit row."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from participation import notices, permissions
from participation.models import ClientGroup, Collection, Report, ReportingMeeting, Signal
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.core.personal_details import describe, personal_details_in
from socialwork.messaging.services import email_queue
from socialwork.people.models import Unit, User

TEXT_FIELDS = ("concerns", "positives", "proposal")


def refuse_personal_details(*texts: str) -> None:
    """A report is about phenomena, never about a client: text with a personal identity
    code, a phone number or an e-mail address is refused, saying what to remove."""
    found = personal_details_in(*texts)
    if found:
        raise ValidationError(
            _(
                "A social report is about phenomena, not about a client. Remove %(what)s "
                "from the text and send again."
            )
            % {"what": describe(found)},
            code="personal_details",
        )


@transaction.atomic
def report_send(
    *,
    actor: User,
    unit: Unit,
    signal: str,
    client_group: str,
    themes,
    concerns: str = "",
    positives: str = "",
    proposal: str = "",
    collection: Collection | None = None,
    team_name: str = "",
    team=(),
    today: date | None = None,
) -> Report:
    if not permissions.can_report(actor) or unit.pk not in permissions.report_unit_ids(actor):
        raise ValidationError(_("You cannot report for this unit."))
    if collection is not None and not collection.is_open(today):
        raise ValidationError(_("This collection is not open."))
    if not (concerns.strip() or positives.strip()):
        raise ValidationError(_("Answer at least one of the two questions."))
    if signal not in Signal.values:
        raise ValidationError(_("Choose the signal."))
    if client_group not in ClientGroup.values:
        raise ValidationError(_("Choose whom it concerns."))
    refuse_personal_details(concerns, positives, proposal, team_name)
    themes = list(themes)
    if not themes:
        raise ValidationError(_("Choose at least one theme."))
    team = [member for member in team if member.pk != actor.pk]
    if team and not team_name.strip():
        raise ValidationError(_("Name the team that answers."))
    report = Report.objects.create(
        collection=collection,
        unit=unit,
        author=actor,
        signal=signal,
        client_group=client_group,
        concerns=concerns.strip(),
        positives=positives.strip(),
        proposal=proposal.strip(),
        team_name=team_name.strip(),
    )
    report.themes.set(themes)
    if team:
        report.team.set(team)
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=report, unit=unit)
    return report


@transaction.atomic
def report_process(
    *,
    actor: User,
    report: Report,
    action_taken: str,
    meeting: ReportingMeeting | None = None,
    quotable: bool = False,
    processed: bool = True,
) -> Report:
    refuse_personal_details(action_taken)
    report.action_taken = action_taken.strip()
    report.meeting = meeting
    report.quotable = quotable
    if processed and report.processed_at is None:
        report.processed_at = timezone.now()
        report.processed_by = actor
    elif not processed:
        report.processed_at = None
        report.processed_by = None
    report.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        obj=report,
        unit=report.unit,
        changed_fields=("action_taken", "meeting", "quotable", "processed_at"),
    )
    return report


def _address(collection: Collection) -> str:
    path = reverse("participation:sora_answer_collection", args=[collection.pk])
    return settings.SOCIALWORK_PUBLIC_URL.rstrip("/") + path


def invited_staff(collection: Collection):
    """Everyone a collection invites: by name, and every active staff member of its
    units."""
    invited = Q(pk__in=collection.staff.values("pk")) | Q(
        role_assignments__unit__in=collection.units.values("pk")
    )
    return User.objects.filter(invited, is_active=True).distinct().order_by("pk")


def _notify(collection: Collection, purpose: str, users, actor: User | None = None) -> int:
    def context(language):
        return {
            "title": collection.title,
            "closes": date_format(collection.closes_on, "SHORT_DATE_FORMAT"),
            "address": _address(collection),
        }

    queued = 0
    for user in users:
        email_queue(
            to=user.email,
            language=user.preferred_language or settings.LANGUAGE_CODE,
            purpose=purpose,
            context=context,
            key=f"{purpose}:{collection.pk}:{user.pk}",
            about=collection,
            created_by=actor,
        )
        queued += 1
    return queued


@transaction.atomic
def collection_create(*, actor: User, units=(), staff=(), **data) -> Collection:
    if not permissions.can_run_collections(actor):
        raise ValidationError(_("You cannot start collections."))
    allowed = permissions.read_unit_ids(actor)
    units = list(units)
    if allowed is not None and any(unit.pk not in allowed for unit in units):
        raise ValidationError(_("You can invite only the units you lead."))
    if not units and not list(staff):
        raise ValidationError(_("Invite at least one unit or staff member."))
    refuse_personal_details(data.get("title", ""), data.get("description", ""))
    collection = Collection(created_by=actor, **data)
    collection.full_clean(exclude=["created_by"])
    collection.save()
    collection.units.set(units)
    collection.staff.set(staff)
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=collection)
    if collection.opens_on <= timezone.localdate():
        collection_invite(collection=collection, actor=actor)
    return collection


@transaction.atomic
def collection_invite(*, collection: Collection, actor: User | None = None) -> int:
    """The invitations by e-mail, once per person and collection (the outbox's key)."""
    queued = _notify(collection, notices.COLLECTION_INVITATION, invited_staff(collection), actor)
    Collection.objects.filter(pk=collection.pk).update(invited_at=timezone.now())
    return queued


def collections_notify(today: date | None = None) -> int:
    """The daily job: invitations for collections that open today (or opened without one),
    and the reminder a set number of days before a collection closes, to those invited
    who have not answered it."""
    today = today or timezone.localdate()
    queued = 0
    for collection in Collection.objects.filter(
        opens_on__lte=today, closes_on__gte=today, invited_at__isnull=True
    ):
        queued += collection_invite(collection=collection)
    for collection in Collection.objects.filter(
        closes_on__gte=today, reminded_at__isnull=True, opens_on__lte=today
    ):
        if collection.closes_on - timedelta(days=collection.remind_days_before) > today:
            continue
        with transaction.atomic():
            answered = {
                *collection.reports.values_list("author_id", flat=True),
                *collection.reports.exclude(team=None).values_list("team", flat=True),
            }
            waiting = invited_staff(collection).exclude(pk__in=answered)
            queued += _notify(collection, notices.COLLECTION_REMINDER, waiting)
            Collection.objects.filter(pk=collection.pk).update(reminded_at=timezone.now())
    return queued


@transaction.atomic
def meeting_save(
    *, actor: User, meeting: ReportingMeeting | None = None, reports=(), **data
) -> ReportingMeeting:
    """The monthly meeting with its minutes; the reports it handled point to it."""
    if not permissions.can_read_reports(actor):
        raise ValidationError(_("You cannot keep social reporting meetings."))
    refuse_personal_details(data.get("minutes", ""))
    unit = data.get("unit")
    allowed = permissions.read_unit_ids(actor)
    if allowed is not None and (unit is None or unit.pk not in allowed):
        raise ValidationError(_("Choose one of the units you lead."))
    creating = meeting is None
    meeting = meeting or ReportingMeeting(created_by=actor)
    for name, value in data.items():
        setattr(meeting, name, value)
    meeting.save()
    reports = list(reports)
    meeting.reports.exclude(pk__in=[r.pk for r in reports]).update(meeting=None)
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(meeting=meeting)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.CHANGE,
        obj=meeting,
        unit=meeting.unit,
    )
    return meeting


@transaction.atomic
def summary_request(*, actor: User, year: int, language: str):
    """The year's summary for decision makers as a PDF, made in a worker; asking is
    audited, and a double click asks once."""
    from participation.documents import SUMMARY, summary_object_id
    from socialwork.documents.services import document_ask

    if not permissions.can_read_reports(actor):
        raise ValidationError(_("You cannot read social reports."))
    object_id = summary_object_id(year=year, language=language)
    return document_ask(kind=SUMMARY, object_id=object_id, actor=actor)


def summaries_discard_old(*, now=None) -> int:
    """Finished summaries are kept REPORT_KEEP_DAYS, as the other reports are."""
    from socialwork.documents.services import documents_discard_old

    return documents_discard_old(prefix="participation.", days=settings.REPORT_KEEP_DAYS, now=now)


# --- Participation events -------------------------------------------------------------------


@transaction.atomic
def event_save(*, actor: User, event=None, units=(), organisers=(), partners=(), **data):
    """A new event, or one changed by its organisers or the supervisors of its units."""
    from participation.models import Event

    creating = event is None
    if creating and not permissions.can_create_event(actor):
        raise ValidationError(_("You cannot organise events."))
    if not creating and not permissions.can_manage_event(actor, event):
        raise ValidationError(_("You cannot change this event."))
    units = list(units)
    allowed = permissions.event_unit_ids(actor)
    if not units:
        raise ValidationError(_("Choose at least one unit."))
    if creating and any(unit.pk not in allowed for unit in units):
        raise ValidationError(_("Choose among your own units."))
    refuse_personal_details(data.get("title", ""), data.get("programme", ""))
    event = event or Event(created_by=actor)
    for name, value in data.items():
        setattr(event, name, value)
    event.full_clean(exclude=["created_by"])
    event.save()
    event.units.set(units)
    event.organisers.set(list(organisers) or [actor])
    event.partners.set(partners)
    event._organiser_ids = None
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.CHANGE,
        obj=event,
    )
    return event


@transaction.atomic
def event_attendance(*, actor: User, event, attendance: int | None):
    if not permissions.can_manage_event(actor, event):
        raise ValidationError(_("You cannot change this event."))
    if attendance is not None and not 0 <= attendance <= 100_000:
        raise ValidationError(_("Give the number of attendees."))
    event.attendance = attendance
    event.save(update_fields=["attendance"])
    audit_record(
        actor=actor, action=AuditEvent.Action.CHANGE, obj=event, changed_fields=("attendance",)
    )
    return event


@transaction.atomic
def event_note_add(*, actor: User, event, kind: str, text: str, unit=None, council=None):
    """What clients said at the event, taken to a unit for information or to a client
    council's backlog (a topic the council's leaders find among the others)."""
    from councils.models import Topic
    from councils.services import topic_add
    from participation.models import EventNote

    if not permissions.can_manage_event(actor, event):
        raise ValidationError(_("You cannot change this event."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write what was said."))
    refuse_personal_details(text)
    if unit is not None and not event.units.filter(pk=unit.pk).exists():
        raise ValidationError(_("Choose one of the event's units."))
    topic = None
    if council is not None:
        from participation.selectors import councils_for_event

        if not councils_for_event(event).filter(pk=council.pk).exists():
            raise ValidationError(_("Choose a council of the event's units."))
        topic = topic_add(
            actor=actor,
            council=council,
            title=text[:200],
            details=_("Heard at %(event)s on %(date)s.")
            % {
                "event": event.title,
                "date": date_format(event.starts_on, "SHORT_DATE_FORMAT"),
            },
            source=Topic.Source.EVENT,
        )
    note = EventNote.objects.create(
        event=event, kind=kind, text=text, unit=unit, council_topic=topic, created_by=actor
    )
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=note)
    return note


@transaction.atomic
def event_interested_add(
    *, actor: User, event, name: str, phone: str, email: str, interest: str, consent: bool
):
    """An attendee who wants to join a client council or become an experience expert:
    with their consent, a contact slip in the funnel the councils' leaders and the
    experts' coordinator work from (feedback's contact slips)."""
    from feedback.services import contact_slip_record

    if not permissions.can_manage_event(actor, event):
        raise ValidationError(_("You cannot change this event."))
    if not consent:
        raise ValidationError(
            _("Ask for the person's consent: their details are kept only with it.")
        )
    slip = contact_slip_record(
        name=name,
        phone=phone,
        email=email,
        interest=interest,
        message=_("Left at %(event)s on %(date)s.")
        % {"event": event.title, "date": date_format(event.starts_on, "SHORT_DATE_FORMAT")},
        unit_id=event.units.order_by("name").values_list("pk", flat=True).first(),
    )
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=event, label="contact slip")
    return slip


@transaction.atomic
def event_feedback_open(*, actor: User, event):
    """The event's feedback on the feedback card (paper, the link, the tablet), a
    campaign of its own for the event's month; a second click returns the same one."""
    from feedback.services import scoped_campaign_open

    if not permissions.can_manage_event(actor, event):
        raise ValidationError(_("You cannot change this event."))
    return scoped_campaign_open(
        actor=actor,
        instrument_code="card",
        unit=event.units.order_by("name").first(),
        scope=event.feedback_scope,
        theme=event.title,
        today=event.starts_on,
    )


# --- The annual clock -----------------------------------------------------------------------


def recurrence(*, repeats: str, months=(), until=None) -> str:
    """An RFC 5545 RRULE for the clock's choices: once (empty), every year (in the chosen
    months), every month, every three months."""
    if repeats == "once":
        return ""
    parts = {
        "yearly": ["FREQ=YEARLY"],
        "monthly": ["FREQ=MONTHLY"],
        "quarterly": ["FREQ=MONTHLY", "INTERVAL=3"],
    }[repeats]
    if repeats == "yearly" and months:
        parts.append("BYMONTH=" + ",".join(str(int(m)) for m in sorted(set(map(int, months)))))
    if until:
        parts.append(f"UNTIL={until:%Y%m%d}")
    return ";".join(parts)


@transaction.atomic
def clock_item_save(*, actor: User, item=None, **data):
    from dateutil.rrule import rrulestr

    from participation.models import ClockItem

    if not permissions.can_open_clock(actor):
        raise ValidationError(_("You cannot plan the annual clock."))
    if item is not None and not permissions.can_change_clock_item(actor, item):
        raise ValidationError(_("You cannot change this item."))
    allowed = permissions.clock_unit_ids(actor)
    unit = data.get("unit")
    if allowed is not None and (unit is None or unit.pk not in allowed):
        raise ValidationError(_("Choose one of the units you lead."))
    refuse_personal_details(data.get("title", ""), data.get("description", ""))
    creating = item is None
    item = item or ClockItem(created_by=actor)
    for name, value in data.items():
        setattr(item, name, value)
    if item.rrule:
        try:
            rrulestr(item.rrule, dtstart=datetime(2000, 1, 1))
        except (ValueError, TypeError) as error:
            raise ValidationError(_("The recurrence could not be read.")) from error
    item.full_clean(exclude=["created_by"])
    item.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.CHANGE,
        obj=item,
        unit=item.unit,
    )
    return item


@transaction.atomic
def clock_item_delete(*, actor: User, item) -> None:
    if not permissions.can_change_clock_item(actor, item):
        raise ValidationError(_("You cannot change this item."))
    audit_record(actor=actor, action=AuditEvent.Action.DELETE, obj=item, unit=item.unit)
    item.delete()


@transaction.atomic
def clock_done_mark(*, actor: User, item, day: date, note: str = "", done: bool = True):
    """A planned time marked done by hand (or the mark taken back)."""
    from participation.models import ClockDone

    if not permissions.can_change_clock_item(actor, item):
        raise ValidationError(_("You cannot change this item."))
    if day not in item.occurrences(day, day):
        raise ValidationError(_("The item has no time on that day."))
    refuse_personal_details(note)
    if done:
        ClockDone.objects.get_or_create(
            item=item, day=day, defaults={"note": note.strip(), "marked_by": actor}
        )
    else:
        ClockDone.objects.filter(item=item, day=day).delete()
    audit_record(actor=actor, action=AuditEvent.Action.CHANGE, obj=item, unit=item.unit)


def clock_reminders_queue(today: date | None = None) -> int:
    """The daily job: each planned time's owner is reminded by e-mail the set number of
    days before (or the first run after that, if one was missed); once per time, by the
    outbox's key."""
    from participation.models import ClockItem

    today = today or timezone.localdate()
    queued = 0
    for item in ClockItem.objects.select_related("owner"):
        for day in item.occurrences(today, today + timedelta(days=item.remind_days_before)):
            purpose = notices.CLOCK_REMINDER

            def context(language, item=item, day=day):
                return {
                    "title": item.title,
                    "date": date_format(day, "SHORT_DATE_FORMAT"),
                    "address": settings.SOCIALWORK_PUBLIC_URL.rstrip("/")
                    + reverse("participation:clock"),
                }

            email_queue(
                to=item.owner.email,
                language=item.owner.preferred_language or settings.LANGUAGE_CODE,
                purpose=purpose,
                context=context,
                key=f"{purpose}:{item.pk}:{day:%Y%m%d}",
                about=item,
            )
            queued += 1
    return queued


@transaction.atomic
def clock_poster_request(*, actor: User, year: int, unit_id, language: str):
    """The year's clock as a PDF poster, made in a worker."""
    from participation.documents import CLOCK, clock_object_id
    from socialwork.documents.services import document_ask

    if not permissions.can_open_clock(actor):
        raise ValidationError(_("You cannot plan the annual clock."))
    object_id = clock_object_id(year=year, unit_id=unit_id, language=language)
    return document_ask(kind=CLOCK, object_id=object_id, actor=actor)


@transaction.atomic
def clock_feed_regenerate(*, user: User):
    """The user's annual-clock calendar address, new: the old one stops working at once (a
    lost phone, an address shared by mistake)."""
    from participation.models import ClockFeed
    from participation.purposes import CLOCK_FEED
    from socialwork.links.services import link_issue, link_revoke

    if not permissions.can_open_clock(user):
        raise ValidationError(_("You cannot plan the annual clock."))
    link = link_issue(purpose=CLOCK_FEED.name, created_by=user)
    feed = ClockFeed.objects.select_for_update().filter(user=user).first()
    if feed is None:
        feed = ClockFeed.objects.create(user=user, link=link)
    else:
        old, feed.link = feed.link, link
        feed.save(update_fields=["link"])
        link_revoke(link=old)
    audit_record(actor=user, action=AuditEvent.Action.CHANGE, obj=feed, changed_fields=["token"])
    return feed
