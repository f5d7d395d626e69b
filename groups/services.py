"""Every write in groups, each in a transaction, client data with its audit row."""

from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups import notices
from groups.models import (
    Attendance,
    CalendarFeed,
    Enrolment,
    EvaluationAnswer,
    EvaluationCode,
    EvaluationQuestion,
    FinalEvaluation,
    GroupGoal,
    GroupRun,
    PersonalGoal,
    Programme,
    Session,
    SessionEvaluation,
    ThemeWish,
)
from groups.purposes import CALENDAR_FEED, SESSION_CODE
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.core.schedules import cadence_dates, local_span
from socialwork.links.services import link_issue, link_revoke
from socialwork.people.models import Client, User

# Which status a group may move to from each status.


# --- Group runs and sessions ---------------------------------------------------------------


@transaction.atomic
def run_create(
    *,
    actor: User,
    programme: Programme,
    unit,
    name: str,
    starts_on: date,
    facilitators=(),
    place: str = "",
    start_time: time | None = None,
    session_minutes: int | None = None,
    session_count: int | None = None,
    cadence: str | None = None,
    weekdays: list[int] | None = None,
    min_size: int | None = None,
    max_size: int | None = None,
    is_open: bool = False,
    partner_facilitators: str = "",
    partners=(),
    ground_rules: str = "",
) -> GroupRun:
    """A run from a programme template; what is not given is taken from the template. The
    sessions are generated at once from the cadence."""
    run = GroupRun(
        programme=programme,
        unit=unit,
        name=name,
        starts_on=starts_on,
        place=place,
        cadence=cadence or programme.cadence,
        weekdays=weekdays if weekdays is not None else list(programme.weekdays),
        start_time=start_time or programme.start_time,
        session_minutes=session_minutes or programme.session_minutes,
        session_count=session_count or programme.session_count,
        min_size=min_size if min_size is not None else programme.min_size,
        max_size=max_size if max_size is not None else programme.max_size,
        is_open=is_open,
        partner_facilitators=partner_facilitators,
        ground_rules=ground_rules,
        created_by=actor,
    )
    run.full_clean()
    run.save()
    run.facilitators.set(facilitators)
    run.partners.set(partners)
    sessions_generate(run=run)
    return run


@transaction.atomic
def sessions_generate(*, run: GroupRun) -> list[Session]:
    """Create the run's sessions from its cadence. Only for a run without sessions: once
    sessions exist they are edited one by one, so that nothing recorded is lost."""
    if run.sessions.exists():
        raise ValidationError(_("The sessions of this group have already been created."))
    days = cadence_dates(
        first=run.starts_on, cadence=run.cadence, count=run.session_count, weekdays=run.weekdays
    )
    sessions = []
    for day in days:
        starts, ends = local_span(day, run.start_time, run.session_minutes)
        sessions.append(Session(run=run, starts_at=starts, ends_at=ends, place=run.place))
    Session.objects.bulk_create(sessions)
    if days:
        GroupRun.objects.filter(pk=run.pk).update(ends_on=days[-1])
        run.ends_on = days[-1]
    return sessions


@transaction.atomic
def run_update(*, actor: User, run: GroupRun, facilitators=None, partners=None, **data) -> GroupRun:
    for field, value in data.items():
        setattr(run, field, value)
    run.full_clean()
    run.save()
    # The sessions' calendar entries carry the group's name and place: mark them changed
    # so that subscribed calendars pick up the new text.
    run.sessions.update(updated_at=timezone.now())
    if facilitators is not None:
        before = set(run.facilitators.values_list("pk", flat=True))
        run.facilitators.set(facilitators)
        run.__dict__.pop("_facilitator_ids", None)
        if before != {f.pk for f in facilitators}:
            # A new facilitator sees every participant: who gave that access, and when.
            audit_record(
                actor=actor,
                action=AuditEvent.Action.CHANGE,
                obj=run,
                unit=run.unit,
                changed_fields=["facilitators"],
            )
    if partners is not None:
        run.partners.set(partners)
    return run


def client_participations_anonymise(client: Client) -> None:
    """Before a client record goes (people.services.client_delete, in its transaction): the
    group's figures were counted with them and stay right. The participation, its attendance
    marks and its evaluation numbers are kept with no client; their own words (personal
    goals, evaluation comments, meal notes) go."""
    enrolments = Enrolment.objects.filter(client=client)
    PersonalGoal.objects.filter(enrolment__in=enrolments).update(text=_("(removed)"))
    EvaluationAnswer.objects.filter(evaluation__enrolment__in=enrolments).exclude(text="").update(
        text=""
    )
    enrolments.update(client=None, meal_notes="")


@transaction.atomic
def run_set_status(*, actor: User, run: GroupRun, status: str) -> GroupRun:
    run = GroupRun.objects.select_for_update().get(pk=run.pk)
    if status == run.status:
        return run
    if status not in dict(run.next_statuses()):
        raise ValidationError(
            _("A group cannot move from “%(old)s” to “%(new)s”.")
            % {"old": run.get_status_display(), "new": GroupRun.Status(status).label}
        )
    run.status = status
    run.save(update_fields=["status"])
    if status == GroupRun.Status.FINISHED:
        # Everyone still taking part when the group ends has completed it.
        run.enrolments.filter(status=Enrolment.Status.STARTED).update(
            status=Enrolment.Status.COMPLETED, status_changed_at=timezone.now()
        )
    if status == GroupRun.Status.CANCELLED:
        run.notified = notices.run_cancelled(actor=actor, run=run)
    return run


@transaction.atomic
def session_update(*, actor: User, session: Session, **data) -> Session:
    before = Session.objects.select_for_update().get(pk=session.pk)
    for field, value in data.items():
        setattr(session, field, value)
    session.full_clean()
    # Only the fields edited: a cancellation committed since the form was opened stays.
    session.save(update_fields=[*data, "updated_at"])
    session.cancelled_at, session.cancel_reason = before.cancelled_at, before.cancel_reason
    moved = (session.starts_at, session.place) != (before.starts_at, before.place)
    session.notified = 0
    if moved and not session.is_cancelled and session.starts_at > timezone.now():
        session.notified = notices.session_moved(actor=actor, session=session)
    return session


@transaction.atomic
def session_cancel(*, actor: User, session: Session, reason: str) -> Session:
    if not reason.strip():
        raise ValidationError({"cancel_reason": _("Tell the participants why it is cancelled.")})
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.is_cancelled:
        session.notified = 0
        return session  # a double tap: the participants are told once
    session.cancelled_at = timezone.now()
    session.cancel_reason = reason.strip()
    session.save(update_fields=["cancelled_at", "cancel_reason", "updated_at"])
    session.notified = 0
    if session.starts_at > timezone.now():
        session.notified = notices.session_cancelled(actor=actor, session=session)
    return session


@transaction.atomic
def session_restore(*, actor: User, session: Session) -> Session:
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if not locked.is_cancelled:
        session.notified = 0
        return session
    session.cancelled_at = None
    session.cancel_reason = ""
    session.save(update_fields=["cancelled_at", "cancel_reason", "updated_at"])
    session.notified = 0
    if session.starts_at > timezone.now():
        session.notified = notices.session_restored(actor=actor, session=session)
    return session


@transaction.atomic
def wish_add(*, actor: User, run: GroupRun, text: str) -> ThemeWish:
    wish = ThemeWish(run=run, text=text.strip(), recorded_by=actor)
    wish.full_clean()
    wish.save()
    return wish


@transaction.atomic
def wish_use_as_theme(*, actor: User, wish: ThemeWish, session: Session) -> Session:
    if session.run_id != wish.run_id:
        raise ValidationError(_("The session is not in the same group."))
    session.theme = wish.text[:200]
    session.save(update_fields=["theme", "updated_at"])
    wish.session = session
    wish.save(update_fields=["session"])
    return session


# --- Enrolment ---------------------------------------------------------------------------


def _places_taken(run: GroupRun) -> int:
    return run.enrolments.filter(status__in=Enrolment.ACTIVE).count()


@transaction.atomic
def enrolment_add(
    *,
    actor: User,
    run: GroupRun,
    client: Client,
    waiting_list_if_full: bool = True,
    **data,
) -> Enrolment:
    """Enrol a client. A full group puts the client on its waiting list, or refuses."""
    # Lock the run: two facilitators enrolling the last place at once must not both get it.
    run = GroupRun.objects.select_for_update().get(pk=run.pk)
    if run.enrolments.filter(client=client).exists():
        raise ValidationError(_("%(name)s is already in this group.") % {"name": client})
    full = _places_taken(run) >= run.max_size
    if full and not waiting_list_if_full:
        raise ValidationError(_("The group is full (%(max)d places).") % {"max": run.max_size})
    status = Enrolment.Status.WAITING if full else data.pop("status", Enrolment.Status.INVITED)
    data.pop("status", None)
    enrolment = Enrolment(run=run, client=client, status=status, enrolled_by=actor, **data)
    enrolment.full_clean()
    enrolment.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=enrolment,
        unit=run.unit,
        changed_fields=["status", *data.keys()],
    )
    return enrolment


@transaction.atomic
def enrolment_update(*, actor: User, enrolment: Enrolment, **data) -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().select_related("run").get(pk=enrolment.pk)
    new_status = data.get("status", enrolment.status)
    if (
        new_status in Enrolment.ACTIVE
        and enrolment.status not in Enrolment.ACTIVE
        and _places_taken(GroupRun.objects.select_for_update().get(pk=enrolment.run_id))
        >= enrolment.run.max_size
    ):
        raise ValidationError(
            _("The group is full (%(max)d places). Someone must leave before %(name)s can join.")
            % {"max": enrolment.run.max_size, "name": enrolment.client}
        )
    if new_status == Enrolment.Status.DROPPED_OUT:
        data.setdefault("left_on", enrolment.left_on or timezone.localdate())
    else:
        data["dropout_reason"] = ""
        if new_status != Enrolment.Status.COMPLETED:
            data["left_on"] = None
    if not data.get("service_decision", enrolment.service_decision):
        data["service_decision_on"] = None
    changed = [f for f, v in data.items() if getattr(enrolment, f) != v]
    for field, value in data.items():
        setattr(enrolment, field, value)
    if "status" in changed:
        enrolment.status_changed_at = timezone.now()
    enrolment.full_clean()
    enrolment.save()
    if "status" in changed and enrolment.status not in notices.EXPECTED:
        notices.participant_left(enrolment=enrolment)
    if changed:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CHANGE,
            obj=enrolment,
            unit=enrolment.run.unit,
            changed_fields=changed,
        )
    return enrolment


# --- Attendance ------------------------------------------------------------------------


@transaction.atomic
def attendance_mark(
    *, actor: User, session: Session, enrolment: Enrolment, status: str
) -> Attendance:
    if enrolment.run_id != session.run_id:
        raise ValidationError(_("This person is not in the session's group."))
    if status not in Attendance.Status.values:
        raise ValidationError(_("Unknown attendance mark."))
    attendance, created = Attendance.objects.select_for_update().get_or_create(
        session=session, enrolment=enrolment, defaults={"status": status, "marked_by": actor}
    )
    if not created and attendance.status != status:
        attendance.status = status
        attendance.marked_by = actor
        attendance.save(update_fields=["status", "marked_by", "marked_at"])
    elif not created:
        return attendance
    # Attendance is about a person: it goes to the audit log like other client data.
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        obj=enrolment,
        unit=session.run.unit,
        changed_fields=["attendance"],
    )
    if status == Attendance.Status.PRESENT and enrolment.status == Enrolment.Status.INVITED:
        # Coming to a session is starting in the group.
        enrolment.status = Enrolment.Status.STARTED
        enrolment.status_changed_at = timezone.now()
        enrolment.save(update_fields=["status", "status_changed_at"])
    return attendance


# --- Goals -------------------------------------------------------------------------------


def _close(goal, status: str) -> None:
    goal.status = status
    goal.closed_on = None if status == "open" else (goal.closed_on or timezone.localdate())


@transaction.atomic
def group_goal_save(
    *, actor: User, run: GroupRun, text: str, status: str = "open", goal: GroupGoal | None = None
) -> GroupGoal:
    goal = goal or GroupGoal(run=run)
    goal.text = text.strip()
    _close(goal, status)
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def personal_goal_save(
    *,
    actor: User,
    enrolment: Enrolment,
    text: str,
    status: str = "open",
    goal: PersonalGoal | None = None,
) -> PersonalGoal:
    goal = goal or PersonalGoal(enrolment=enrolment)
    created = goal.pk is None
    goal.text = text.strip()
    _close(goal, status)
    goal.full_clean()
    goal.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.CHANGE,
        obj=enrolment,
        unit=enrolment.run.unit,
        changed_fields=["personal_goal"],
    )
    return goal


# --- Evaluation after every session -------------------------------------------------------

# How long a session code may stay open, in minutes. A code is meant for the end of the
# session and the evening after it, not for days: the shorter it lives, the less a code
# passed on outside the group is worth.
CODE_DURATIONS = (30, 60, 180, 24 * 60)
ANSWER_RANGES = {
    EvaluationQuestion.Kind.FACES_3: range(1, 4),
    EvaluationQuestion.Kind.SCALE_5: range(1, 6),
}


def _clean_answers(questions, answers: dict) -> list[EvaluationAnswer]:
    """Answers keyed by question; every required one given, every value in its range."""
    rows, errors = [], []
    for question in questions:
        value = answers.get(question)
        if question.kind == EvaluationQuestion.Kind.TEXT:
            text = (value or "").strip()
            if not text:
                if question.required:
                    errors.append(_("Please answer every question marked as required."))
                continue
            if len(text) > 1000:
                errors.append(_("The comment can be at most 1000 characters."))
                continue
            rows.append(EvaluationAnswer(question=question, text=text))
            continue
        if value in (None, ""):
            if question.required:
                errors.append(_("Please answer every question marked as required."))
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number not in ANSWER_RANGES[question.kind]:
            errors.append(_("An answer is not one of the choices."))
            continue
        rows.append(EvaluationAnswer(question=question, value=number))
    if errors:
        raise ValidationError(sorted(set(errors)))
    return rows


@transaction.atomic
def evaluation_record(
    *,
    session: Session,
    enrolment: Enrolment,
    answers: dict,
    channel: str,
    actor: User | None = None,
) -> SessionEvaluation:
    """Store one participant's evaluation of one session.

    A participant evaluates a session once. With the session code they cannot change it
    afterwards (the page is public and must not show or overwrite earlier answers); a
    facilitator may correct an evaluation they entered, but never one the participant gave
    themselves.
    """
    from groups.selectors import evaluation_questions

    if enrolment.run_id != session.run_id:
        raise ValidationError(_("This person is not in the session's group."))
    if enrolment.status == Enrolment.Status.WAITING:
        raise ValidationError(_("People on the waiting list do not evaluate sessions."))
    if session.is_cancelled:
        raise ValidationError(_("The session was cancelled, so it cannot be evaluated."))
    if session.starts_at > timezone.now():
        raise ValidationError(_("A session can be evaluated once it has started."))
    rows = _clean_answers(evaluation_questions(session.run), answers)
    existing = (
        SessionEvaluation.objects.select_for_update()
        .filter(session=session, enrolment=enrolment)
        .first()
    )
    if existing and channel == SessionEvaluation.Channel.SELF:
        raise ValidationError(_("This session has already been evaluated. Thank you!"))
    if existing and existing.channel == SessionEvaluation.Channel.SELF:
        raise ValidationError(
            _("The participant gave this evaluation themselves, so it cannot be changed.")
        )
    if existing:
        evaluation = existing
        evaluation.answers.all().delete()
        evaluation.entered_by = actor
        evaluation.save(update_fields=["entered_by"])
    else:
        try:
            # Two taps or two phones at once: the unique constraint decides, inside a
            # savepoint so that the loser gets a message instead of a broken transaction.
            with transaction.atomic():
                evaluation = SessionEvaluation.objects.create(
                    session=session,
                    enrolment=enrolment,
                    channel=channel,
                    entered_by=actor
                    if channel == SessionEvaluation.Channel.WITH_FACILITATOR
                    else None,
                )
        except IntegrityError:
            raise ValidationError(
                _("This session has already been evaluated. Thank you!")
            ) from None
    for row in rows:
        row.evaluation = evaluation
    EvaluationAnswer.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        label="" if actor else "session code",
        action=AuditEvent.Action.CHANGE if existing else AuditEvent.Action.CREATE,
        obj=enrolment,
        unit=session.run.unit,
        changed_fields=["session_evaluation"],
    )
    return evaluation


@transaction.atomic
def evaluation_code_open(*, actor: User, session: Session, minutes: int) -> EvaluationCode:
    """Open the self-evaluation for a session. One code at a time: opening a new one closes
    the previous, so only the code on the screen works."""
    if minutes not in CODE_DURATIONS:
        raise ValidationError(_("Choose how long the code is valid."))
    if session.is_cancelled:
        raise ValidationError(_("The session was cancelled, so it cannot be evaluated."))
    now = timezone.now()
    if session.starts_at > now:
        raise ValidationError(_("The code can be opened once the session has started."))
    evaluation_code_close(actor=actor, session=session)
    link = link_issue(
        purpose=SESSION_CODE.name, valid_for=timedelta(minutes=minutes), created_by=actor
    )
    return EvaluationCode.objects.create(session=session, link=link, created_by=actor)


@transaction.atomic
def evaluation_code_close(*, actor: User, session: Session) -> int:
    """The session's open codes stop working at once."""
    now = timezone.now()
    codes = EvaluationCode.objects.select_related("link").filter(
        session=session, link__expires_at__gt=now, link__revoked_at__isnull=True
    )
    return sum(link_revoke(link=code.link) for code in codes)


@transaction.atomic
def final_evaluation_save(*, actor: User, run: GroupRun, **data) -> FinalEvaluation:
    evaluation = FinalEvaluation.objects.filter(run=run).first() or FinalEvaluation(run=run)
    for field, value in data.items():
        setattr(evaluation, field, value.strip() if isinstance(value, str) else value)
    evaluation.written_by = actor
    evaluation.full_clean()
    evaluation.save()
    return evaluation


# --- Calendar feed -----------------------------------------------------------------------


@transaction.atomic
def calendar_feed_for(user: User) -> CalendarFeed:
    """The staff member's calendar address, made the first time it is asked for."""
    feed = CalendarFeed.objects.select_for_update().select_related("link").filter(user=user)
    return feed.first() or CalendarFeed.objects.create(
        user=user, link=link_issue(purpose=CALENDAR_FEED.name, created_by=user)
    )


@transaction.atomic
def calendar_feed_regenerate(*, user: User) -> CalendarFeed:
    """A new secret address; the old one stops working at once (for a lost phone or an
    address shared by mistake)."""
    feed = calendar_feed_for(user)
    old = feed.link
    feed.link = link_issue(purpose=CALENDAR_FEED.name, created_by=user)
    feed.save(update_fields=["link"])
    link_revoke(link=old)
    audit_record(actor=user, action=AuditEvent.Action.CHANGE, obj=feed, changed_fields=["token"])
    return feed
