from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from groups.models import Attendance, Enrolment, GroupRun, Programme, Session
from socialwork.people.models import Role
from socialwork.people.permissions import unit_ids_with_role


def run_list_for_user(user) -> QuerySet[GroupRun]:
    """The groups a staff member facilitates, and those of the units they lead."""
    supervised = unit_ids_with_role(user, Role.SUPERVISOR)
    next_session = (
        Session.objects.filter(
            run=OuterRef("pk"), cancelled_at__isnull=True, starts_at__gte=timezone.now()
        )
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    return (
        GroupRun.objects.filter(Q(facilitators=user) | Q(unit_id__in=supervised))
        .distinct()
        .select_related("programme", "unit")
        .annotate(
            participant_count=Count(
                "enrolments",
                filter=Q(enrolments__status__in=Enrolment.ACTIVE),
                distinct=True,
            ),
            next_session_at=Subquery(next_session),
        )
        .order_by("-starts_on", "name")
    )


def run_get_for_user(user, pk: int) -> GroupRun | None:
    return (
        run_list_for_user(user).prefetch_related("facilitators", "partners").filter(pk=pk).first()
    )


def run_sessions(run: GroupRun) -> QuerySet[Session]:
    return run.sessions.annotate(
        present_count=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)),
        evaluation_count=Count("evaluations", distinct=True),
    ).order_by("starts_at")


def run_enrolments(run: GroupRun) -> QuerySet[Enrolment]:
    return (
        run.enrolments.select_related("client")
        .prefetch_related("goals")
        .order_by("client__last_name", "client__first_name")
    )


def waiting_list(run: GroupRun) -> QuerySet[Enrolment]:
    return (
        run.enrolments.filter(status=Enrolment.Status.WAITING)
        .select_related("client")
        .order_by("created_at")
    )


@dataclass
class Register:
    """Sessions x participants with their attendance marks and rates."""

    sessions: list
    rows: list = field(default_factory=list)  # (enrolment, [status per session], rate or None)
    session_rates: list = field(default_factory=list)


def run_register(run: GroupRun) -> Register:
    sessions = list(run.sessions.order_by("starts_at"))
    enrolments = list(
        run.enrolments.exclude(status=Enrolment.Status.WAITING)
        .select_related("client")
        .order_by("client__last_name", "client__first_name")
    )
    marks = {
        (a.session_id, a.enrolment_id): a.status
        for a in Attendance.objects.filter(session__run=run).only(
            "session_id", "enrolment_id", "status"
        )
    }
    now = timezone.now()
    held = [s for s in sessions if not s.is_cancelled and s.starts_at <= now]
    register = Register(sessions=sessions)
    for enrolment in enrolments:
        statuses = [marks.get((s.pk, enrolment.pk), Attendance.Status.UNMARKED) for s in sessions]
        counted = [marks.get((s.pk, enrolment.pk)) for s in held]
        counted = [c for c in counted if c and c != Attendance.Status.UNMARKED]
        rate = (
            round(100 * sum(c == Attendance.Status.PRESENT for c in counted) / len(counted))
            if counted
            else None
        )
        register.rows.append((enrolment, statuses, rate))
    for session in sessions:
        present = sum(
            marks.get((session.pk, e.pk)) == Attendance.Status.PRESENT for e in enrolments
        )
        marked = sum(
            marks.get((session.pk, e.pk), Attendance.Status.UNMARKED) != Attendance.Status.UNMARKED
            for e in enrolments
        )
        register.session_rates.append(round(100 * present / marked) if marked else None)
    return register


def session_get_for_user(user, pk: int) -> Session | None:
    runs = run_list_for_user(user).values("pk")
    return (
        Session.objects.select_related("run__programme", "run__unit")
        .filter(run__in=runs, pk=pk)
        .first()
    )


def session_attendance(session: Session) -> list[tuple[Enrolment, str]]:
    """Everyone taking part in the session's group, with their mark for it."""
    attendance = Attendance.objects.filter(session=session)
    enrolments = (
        session.run.enrolments.exclude(status=Enrolment.Status.WAITING)
        .select_related("client")
        .prefetch_related(Prefetch("attendances", queryset=attendance, to_attr="this_session"))
        .order_by("client__first_name", "client__last_name")
    )
    return [
        (e, e.this_session[0].status if e.this_session else Attendance.Status.UNMARKED)
        for e in enrolments
    ]


def upcoming_sessions_for_user(user, *, days: int = 60) -> QuerySet[Session]:
    now = timezone.now()
    return (
        Session.objects.filter(
            run__facilitators=user,
            starts_at__gte=now - timedelta(hours=12),
            starts_at__lte=now + timedelta(days=days),
        )
        .select_related("run")
        .order_by("starts_at")
    )


def programme_list() -> QuerySet[Programme]:
    return (
        Programme.objects.filter(is_active=True).annotate(run_count=Count("runs")).order_by("name")
    )
