"""Reads about groups, their sessions and participants, for whoever may see them."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import ngettext

from groups.models import (
    Attendance,
    Enrolment,
    GroupRun,
    Programme,
    Session,
)
from socialwork.people.models import Role, Unit
from socialwork.people.permissions import unit_ids_with_role
from socialwork.people.selectors import client_list_for_user


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


def run_units_for_user(user) -> QuerySet[Unit]:
    """The units of the groups a staff member sees (the run list's unit filter)."""
    supervised = unit_ids_with_role(user, Role.SUPERVISOR)
    runs = GroupRun.objects.filter(Q(facilitators=user) | Q(unit_id__in=supervised))
    return Unit.objects.filter(pk__in=runs.values("unit_id")).order_by("name")


def run_get_for_user(user, pk: int) -> GroupRun | None:
    return (
        run_list_for_user(user).prefetch_related("facilitators", "partners").filter(pk=pk).first()
    )


def run_sessions(run: GroupRun) -> QuerySet[Session]:
    return run.sessions.annotate(
        present_count=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)),
        evaluation_count=Count("evaluations", distinct=True),
    ).order_by("starts_at")


def client_removal_lines(client) -> list[str]:
    """What removing the client does to their groups, for the confirmation page."""
    runs = list(
        Enrolment.objects.filter(client=client).values_list("run__name", flat=True).distinct()
    )
    if not runs:
        return []
    return [
        ngettext(
            "Taking part in %(count)d group (%(names)s): attendance and the numbers of the "
            "evaluations stay in the group's figures without the name; personal goals, "
            "comments and meal notes are removed.",
            "Taking part in %(count)d groups (%(names)s): attendance and the numbers of the "
            "evaluations stay in the groups' figures without the name; personal goals, "
            "comments and meal notes are removed.",
            len(runs),
        )
        % {"count": len(runs), "names": ", ".join(runs)}
    ]


def run_clients(run: GroupRun) -> list:
    """Everyone who has been in the group (not only on the waiting list)."""
    return [
        enrolment.client
        for enrolment in run.enrolments.exclude(status=Enrolment.Status.WAITING)
        .filter(client__isnull=False)
        .select_related("client")
    ]


def run_enrolments(run: GroupRun) -> QuerySet[Enrolment]:
    return (
        run.enrolments.filter(client__isnull=False)  # a removed client has no row to show
        .select_related("client")
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


def run_participations(run: GroupRun, *, waiting: bool = True) -> QuerySet[Enrolment]:
    """The group's participants who are still clients (a removed client's place keeps the
    figures but has nobody to act on), with or without the waiting list."""
    enrolments = run.enrolments.filter(client__isnull=False).select_related("client")
    return enrolments if waiting else enrolments.exclude(status=Enrolment.Status.WAITING)


def programme_active_get(raw: str) -> Programme | None:
    """A programme in use by its id as typed in an address; anything else is none."""
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        return None
    return Programme.objects.filter(pk=int(raw), is_active=True).first()


def run_session_count(run: GroupRun) -> int:
    return run.sessions.count()


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


def programme_list() -> QuerySet[Programme]:
    return (
        Programme.objects.filter(is_active=True).annotate(run_count=Count("runs")).order_by("name")
    )


def programmes_all() -> QuerySet[Programme]:
    """Every programme, those no longer run too: reports look back over the years."""
    return Programme.objects.order_by("name")


def client_enrolments(client) -> QuerySet[Enrolment]:
    """A client's groups, for the client page."""
    return (
        client.enrolments.select_related("run__programme")
        .prefetch_related("run__facilitators")
        .order_by("-run__starts_on")
    )


def enrolment_get_for_user(user, pk: int) -> Enrolment | None:
    """A participation whose client the user may see (need to know); whether they may read
    its answers is for permissions.can_view_individual_evaluations."""
    visible = client_list_for_user(user).values("pk")
    return (
        Enrolment.objects.select_related("client", "run__programme", "run__unit")
        .filter(pk=pk, client__in=visible)
        .first()
    )
