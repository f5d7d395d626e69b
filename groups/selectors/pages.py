"""What a group's page and a session's page show, put together from the other reads."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from groups.models import (
    Attendance,
    Enrolment,
    FinalEvaluation,
    GroupRun,
    Session,
)
from groups.selectors.evaluations import final_evaluation_for, session_evaluation_summary
from groups.selectors.reminders import session_reminders
from groups.selectors.runs import run_enrolments, run_sessions, session_attendance


@dataclass
class RunPage:
    """What the group's page shows besides the group itself."""

    sessions: QuerySet
    goals: QuerySet
    wishes: QuerySet
    final_evaluation: FinalEvaluation | None
    facilitator_count: int
    status_choices: list[tuple[str, str]]
    enrolments: list[Enrolment] = field(default_factory=list)
    waiting: list[Enrolment] = field(default_factory=list)


def run_page(run: GroupRun, *, with_participants: bool) -> RunPage:
    """The group's page: participants' names only for those who may see them."""
    everyone = list(run_enrolments(run)) if with_participants else []
    return RunPage(
        sessions=run_sessions(run),
        goals=run.goals.all(),
        wishes=run.theme_wishes.select_related("session"),
        final_evaluation=final_evaluation_for(run),
        facilitator_count=len(run.facilitators.all()),
        status_choices=run.next_statuses(),
        enrolments=[e for e in everyone if e.status != Enrolment.Status.WAITING],
        waiting=[e for e in everyone if e.status == Enrolment.Status.WAITING],
    )


@dataclass
class SessionPage:
    """What the session's page shows besides the session itself."""

    attendance: list  # (participant, label of the mark)
    counts: dict  # mark -> how many
    wishes: QuerySet
    evaluation_summary: list
    reminders: list
    is_upcoming: bool


def session_page(
    session: Session, *, with_participants: bool, protect: bool, with_reminders: bool
) -> SessionPage:
    """The session's page: names only for those who may see them, and the group's figures
    protected for those who may not read the answers."""
    attendance = session_attendance(session) if with_participants else []
    counts = dict.fromkeys(Attendance.Status.values, 0)
    for _enrolment, status in attendance:
        counts[status] += 1
    labels = dict(Attendance.Status.choices)
    return SessionPage(
        attendance=[(enrolment, labels[status]) for enrolment, status in attendance],
        counts=counts,
        wishes=session.run.theme_wishes.filter(session__isnull=True),
        evaluation_summary=session_evaluation_summary(session, protect=protect),
        reminders=session_reminders(session) if with_reminders else [],
        is_upcoming=session.starts_at > timezone.now(),
    )
