"""Groups and their sessions: creating, changing, cancelling, wishes for themes."""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups import notices
from groups.models import (
    Enrolment,
    EvaluationAnswer,
    GroupRun,
    PersonalGoal,
    Programme,
    Session,
    ThemeWish,
)
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.core.schedules import cadence_dates, local_span
from socialwork.people.models import Client, User


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
