"""Taking part: enrolment and the waiting list, attendance, goals."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups import notices
from groups.models import (
    Attendance,
    Enrolment,
    GroupGoal,
    GroupRun,
    PersonalGoal,
    Session,
)
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.people.models import Client, User


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
