"""Meetings from the cadence, the topic backlog and agenda, attendance and the minutes."""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from councils import seed
from councils.models import (
    AgendaItem,
    Agreement,
    Attendance,
    Council,
    Meeting,
    MeetingRole,
    Membership,
    Minutes,
    Topic,
)
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.core.schedules import cadence_dates, local_span
from socialwork.messaging.services import messages_withdraw
from socialwork.people.models import User

# A meeting has one or two big topics (002:663-664).
MAIN_TOPICS_AT_MOST = 2


def _roles_of_the_day(council: Council) -> dict:
    roles = {}
    for staff in council.staff.all():
        field = {
            MeetingRole.CHAIR: "chair_id",
            MeetingRole.SECRETARY: "secretary_id",
            MeetingRole.PRESENTER: "presenter_id",
        }.get(staff.meeting_role)
        if field and field not in roles:
            roles[field] = staff.user_id
    return roles


def _planned_dates(council: Council, count: int) -> list[date]:
    if council.cadence == Council.Cadence.CUSTOM or not council.first_meeting_on:
        return []
    return cadence_dates(first=council.first_meeting_on, cadence=council.cadence, count=count)


def _create_meetings(council: Council, days: list[date], first_number: int) -> list[Meeting]:
    roles = _roles_of_the_day(council)
    plans = council.kind == Council.Kind.DEVELOPER_CLIENT
    language = translation.get_language() or "fi"
    meetings = []
    for number, day in enumerate(days, start=first_number):
        starts, ends = local_span(day, council.start_time, council.meeting_minutes)
        meetings.append(
            Meeting(
                council=council,
                starts_at=starts,
                ends_at=ends,
                place=council.place,
                plan=seed.developer_client_plan(number, language) if plans else "",
                **roles,
            )
        )
    return Meeting.objects.bulk_create(meetings)


@transaction.atomic
def meetings_generate(*, council: Council) -> list[Meeting]:
    """The council's first meetings from its cadence (a developer-client group: six weekly
    meetings with the model's plan). Only for a council without meetings."""
    if council.meetings.exists() or not council.start_time:
        return []
    count = council.meeting_count
    if council.kind == Council.Kind.DEVELOPER_CLIENT:
        count = seed.DEVELOPER_CLIENT_MEETINGS
    return _create_meetings(council, _planned_dates(council, count), 1)


@transaction.atomic
def meetings_plan_more(*, council: Council, count: int) -> list[Meeting]:
    """`count` more meetings after the last one, on the same cadence (a new season)."""
    if council.cadence == Council.Cadence.CUSTOM:
        raise ValidationError(_("This council's meetings are added one by one."))
    if not (council.first_meeting_on and council.start_time):
        raise ValidationError(_("Give the first meeting's date and the starting time first."))
    if not 1 <= count <= 24:
        raise ValidationError(_("Plan 1–24 meetings at a time."))
    Council.objects.select_for_update().get(pk=council.pk)
    existing = council.meetings.count()
    last = council.meetings.aggregate(last=Max("starts_at"))["last"]
    days = _planned_dates(council, existing + count)
    if last is not None:
        last_day = timezone.localtime(last).date()
        days = [day for day in days if day > last_day]
    return _create_meetings(council, days[:count], existing + 1)


@transaction.atomic
def meeting_add(
    *,
    actor: User,
    council: Council,
    day: date,
    start: time,
    minutes: int,
    place: str = "",
    plan: str = "",
) -> Meeting:
    starts, ends = local_span(day, start, minutes)
    meeting = Meeting(
        council=council,
        starts_at=starts,
        ends_at=ends,
        place=place or council.place,
        plan=plan,
        **_roles_of_the_day(council),
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(*, actor: User, meeting: Meeting, **data) -> Meeting:
    before = Meeting.objects.select_for_update().get(pk=meeting.pk)
    for field, value in data.items():
        setattr(meeting, field, value)
    meeting.full_clean()
    meeting.save(update_fields=[*data, "updated_at"])
    if (meeting.starts_at, meeting.place) != (before.starts_at, before.place):
        # What waits in the outbox tells the old time or place.
        messages_withdraw(about=meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    if not reason.strip():
        raise ValidationError({"cancel_reason": _("Tell the members why it is cancelled.")})
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.is_cancelled:
        return locked
    locked.cancelled_at = timezone.now()
    locked.cancel_reason = reason.strip()
    locked.save(update_fields=["cancelled_at", "cancel_reason", "updated_at"])
    messages_withdraw(about=locked)
    return locked


@transaction.atomic
def meeting_restore(*, actor: User, meeting: Meeting) -> Meeting:
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    locked.cancelled_at = None
    locked.cancel_reason = ""
    locked.save(update_fields=["cancelled_at", "cancel_reason", "updated_at"])
    return locked


# --- Topics and the agenda -------------------------------------------------------------------


@transaction.atomic
def topic_add(
    *, actor: User, council: Council, title: str, details: str = "", source: str
) -> Topic:
    topic = Topic(
        council=council,
        title=title.strip(),
        details=details.strip(),
        source=source,
        created_by=actor,
    )
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def topic_set_status(*, actor: User, topic: Topic, status: str) -> Topic:
    if status not in (Topic.Status.WAITING, Topic.Status.DONE, Topic.Status.DROPPED):
        raise ValidationError(_("Unknown status."))
    topic.status = status
    topic.save(update_fields=["status"])
    return topic


def _check_main(meeting: Meeting, is_main: bool, exclude=None) -> None:
    if not is_main:
        return
    main = meeting.agenda.filter(is_main=True)
    if exclude is not None:
        main = main.exclude(pk=exclude.pk)
    if main.count() >= MAIN_TOPICS_AT_MOST:
        raise ValidationError(
            _("A meeting has one or two main topics. Make another item a short one first.")
        )


@transaction.atomic
def agenda_add(
    *,
    actor: User,
    meeting: Meeting,
    topic: Topic | None = None,
    title: str = "",
    is_main: bool = False,
    from_management: bool = False,
    guests: str = "",
) -> AgendaItem:
    """An item on the agenda: a topic from the backlog (its origin goes with it, so that a
    theme management drafted is marked as such), or a free item."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    if topic is not None:
        if topic.council_id != meeting.council_id:
            raise ValidationError(_("The topic belongs to another council."))
        topic = Topic.objects.select_for_update().get(pk=topic.pk)
        if topic.status != Topic.Status.WAITING:
            raise ValidationError(_("This topic is already on an agenda or dealt with."))
        title = title or topic.title
        from_management = from_management or topic.from_management
    if not title.strip():
        raise ValidationError({"title": _("Give the item a title.")})
    _check_main(meeting, is_main)
    position = (meeting.agenda.aggregate(last=Max("position"))["last"] or 0) + 1
    item = AgendaItem(
        meeting=meeting,
        topic=topic,
        title=title.strip()[:200],
        is_main=is_main,
        from_management=from_management,
        guests=guests.strip(),
        position=position,
    )
    item.full_clean()
    item.save()
    if topic is not None:
        topic.status = Topic.Status.ON_AGENDA
        topic.save(update_fields=["status"])
    return item


@transaction.atomic
def agenda_update(
    *, actor: User, item: AgendaItem, is_main: bool, guests: str, from_management: bool
) -> AgendaItem:
    Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _check_main(item.meeting, is_main, exclude=item)
    item.is_main = is_main
    item.guests = guests.strip()
    # A theme that came from management stays marked as such.
    item.from_management = from_management or bool(item.topic and item.topic.from_management)
    item.full_clean()
    item.save(update_fields=["is_main", "guests", "from_management"])
    return item


@transaction.atomic
def agenda_remove(*, actor: User, item: AgendaItem) -> None:
    """Off the agenda; its topic goes back to the backlog."""
    if item.topic_id:
        Topic.objects.filter(pk=item.topic_id, status=Topic.Status.ON_AGENDA).update(
            status=Topic.Status.WAITING
        )
    item.delete()


@transaction.atomic
def agenda_move(*, actor: User, item: AgendaItem, up: bool) -> None:
    Meeting.objects.select_for_update().get(pk=item.meeting_id)
    items = list(item.meeting.agenda.order_by("position", "id"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, each in enumerate(items, start=1):
        if each.position != position:
            AgendaItem.objects.filter(pk=each.pk).update(position=position)


# --- Attendance ------------------------------------------------------------------------------


@transaction.atomic
def attendance_save(*, actor: User, meeting: Meeting, rows: list[dict]) -> int:
    """Attendance, refreshments and bus fares for the meeting, one row per member given.
    Each row: membership, status, role, refreshments, bus_fare, bus_fare_paid."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    future = timezone.localtime(meeting.starts_at).date() > timezone.localdate()
    if future and any(row.get("status") for row in rows):
        # Who came is known on the day; refreshments and fares may be noted ahead.
        raise ValidationError(_("Attendance is taken on the day of the meeting or after."))
    saved = 0
    for row in rows:
        membership: Membership = row["membership"]
        if membership.council_id != meeting.council_id:
            raise ValidationError(_("Someone in the list is not a member of this council."))
        attendance, _created = Attendance.objects.get_or_create(
            meeting=meeting, membership=membership
        )
        for field in ("status", "role", "refreshments", "bus_fare", "bus_fare_paid"):
            setattr(attendance, field, row.get(field, getattr(attendance, field)))
        if attendance.bus_fare is None:
            attendance.bus_fare_paid = False
        attendance.full_clean()
        attendance.save()
        saved += 1
    return saved


# --- Minutes ---------------------------------------------------------------------------------


def _set_agreements(minutes: Minutes, agreements: list[dict]) -> None:
    minutes.agreements.all().delete()
    Agreement.objects.bulk_create(
        Agreement(
            minutes=minutes,
            what=row["what"].strip()[:300],
            owner=row.get("owner", "").strip()[:200],
            due_on=row.get("due_on"),
            position=position,
        )
        for position, row in enumerate(agreements, start=1)
        if row.get("what", "").strip()
    )


@transaction.atomic
def minutes_save(
    *, actor: User, meeting: Meeting, discussed: str, decisions: str, agreements: list[dict]
) -> Minutes:
    """Write the draft (a new one if there is none). An approved version is locked: it is
    corrected with minutes_correct, never changed."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    draft = meeting.minutes.filter(status=Minutes.Status.DRAFT).first()
    if draft is None:
        if meeting.minutes.exists():
            raise ValidationError(
                _("The minutes were approved and are locked. Make a correction instead.")
            )
        draft = Minutes(meeting=meeting, version=1)
    draft.discussed = discussed.strip()
    draft.decisions = decisions.strip()
    draft.written_by = actor
    draft.full_clean()
    draft.save()
    _set_agreements(draft, agreements)
    return draft


@transaction.atomic
def minutes_approve(*, actor: User, minutes: Minutes, at_meeting: Meeting) -> Minutes:
    """Approved at a later meeting of the same council, once that meeting has begun; the
    version is locked from then on and any earlier approved version is replaced."""
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    if minutes.status != Minutes.Status.DRAFT:
        raise ValidationError(_("These minutes are already approved."))
    if (
        at_meeting.council_id != minutes.meeting.council_id
        or at_meeting.starts_at <= minutes.meeting.starts_at
    ):
        raise ValidationError(_("Minutes are approved at a later meeting of the same council."))
    if at_meeting.is_cancelled:
        raise ValidationError(_("That meeting was cancelled."))
    if timezone.localtime(at_meeting.starts_at).date() > timezone.localdate():
        raise ValidationError(_("Minutes are approved at the meeting, not before it."))
    minutes.meeting.minutes.filter(status=Minutes.Status.APPROVED).update(
        status=Minutes.Status.SUPERSEDED
    )
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_at = timezone.now()
    minutes.approved_by = actor
    minutes.approved_at_meeting = at_meeting
    minutes.save(update_fields=["status", "approved_at", "approved_by", "approved_at_meeting"])
    audit_record(
        actor=actor, action=AuditEvent.Action.CHANGE, obj=minutes, changed_fields=["approved"]
    )
    return minutes


@transaction.atomic
def minutes_correct(*, actor: User, minutes: Minutes, reason: str) -> Minutes:
    """A new draft version from the approved one, with the reason for the correction; the
    approved version stays in force until the correction is approved."""
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.status != Minutes.Status.APPROVED:
        raise ValidationError(_("Only approved minutes are corrected; a draft is simply edited."))
    if not reason.strip():
        raise ValidationError({"correction_reason": _("Say why the minutes are corrected.")})
    if minutes.meeting.minutes.filter(status=Minutes.Status.DRAFT).exists():
        raise ValidationError(_("A correction is already being written."))
    correction = Minutes.objects.create(
        meeting=minutes.meeting,
        version=minutes.version + 1,
        discussed=minutes.discussed,
        decisions=minutes.decisions,
        correction_reason=reason.strip()[:300],
        written_by=actor,
    )
    _set_agreements(
        correction,
        [{"what": a.what, "owner": a.owner, "due_on": a.due_on} for a in minutes.agreements.all()],
    )
    return correction
