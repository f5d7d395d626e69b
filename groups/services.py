"""Every write in groups, each in a transaction, client data with its audit row."""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import (
    Attendance,
    Enrolment,
    GroupGoal,
    GroupRun,
    PersonalGoal,
    Programme,
    Session,
    ThemeWish,
)
from groups.schedule import local_span, session_dates
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.people.models import Client, User

# Which status a group may move to from each status.
RUN_TRANSITIONS = {
    GroupRun.Status.PLANNED: {GroupRun.Status.RECRUITING, GroupRun.Status.CANCELLED},
    GroupRun.Status.RECRUITING: {
        GroupRun.Status.PLANNED,
        GroupRun.Status.RUNNING,
        GroupRun.Status.CANCELLED,
    },
    GroupRun.Status.RUNNING: {GroupRun.Status.FINISHED, GroupRun.Status.CANCELLED},
    GroupRun.Status.FINISHED: {GroupRun.Status.RUNNING},
    GroupRun.Status.CANCELLED: {GroupRun.Status.PLANNED},
}


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
    days = session_dates(
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
    if facilitators is not None:
        run.facilitators.set(facilitators)
        run.__dict__.pop("_facilitator_ids", None)
    if partners is not None:
        run.partners.set(partners)
    return run


@transaction.atomic
def run_set_status(*, actor: User, run: GroupRun, status: str) -> GroupRun:
    run = GroupRun.objects.select_for_update().get(pk=run.pk)
    if status == run.status:
        return run
    if status not in RUN_TRANSITIONS[run.status]:
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
    return run


@transaction.atomic
def session_update(*, actor: User, session: Session, **data) -> Session:
    for field, value in data.items():
        setattr(session, field, value)
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def session_cancel(*, actor: User, session: Session, reason: str) -> Session:
    if not reason.strip():
        raise ValidationError({"cancel_reason": _("Tell the participants why it is cancelled.")})
    session.cancelled_at = timezone.now()
    session.cancel_reason = reason.strip()
    session.save(update_fields=["cancelled_at", "cancel_reason"])
    return session


@transaction.atomic
def session_restore(*, actor: User, session: Session) -> Session:
    session.cancelled_at = None
    session.cancel_reason = ""
    session.save(update_fields=["cancelled_at", "cancel_reason"])
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
    session.save(update_fields=["theme"])
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
