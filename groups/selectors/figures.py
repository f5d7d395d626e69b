"""The groups' figures for dashboards and reports, counted in SQL per base cell: unit x
programme x month of a calendar year (Europe/Helsinki). Reporting reads them here and
protects them with the one rule for figures about people (socialwork.core.disclosure):
every year is a lattice of its own, a month or a unit is a part like any other.

Each figure family is one query over every year asked for, whatever the amount of data.
Attendance, evaluations and reminders are read from materialised views by month (migration
0009), refreshed every few minutes (services.figures_refresh): reading two years of a big
city's attendance marks on every page took a second."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from groups.models import (
    Attendance,
    Enrolment,
    EvaluationQuestion,
    GoalStatus,
    GroupRun,
)
from socialwork.core.disclosure import ALL, Figure
from socialwork.core.routers import read_connection
from socialwork.messaging.models import Message

# The outcome of a participation, in neutral words (dropping out carries no sanction): a
# participant who started either completed, left before the end, or is still in the group.
OUTCOMES = ("completed", "left", "ongoing")


@dataclass
class GroupFigures:
    """{year: {key: value}} per figure. Keys are (unit, programme, month) base cells, with
    a fourth part (outcome, goal status) where a figure is split that way."""

    runs: dict = field(default_factory=lambda: defaultdict(dict))  # facts: (u, p, m, status)
    sessions: dict = field(default_factory=lambda: defaultdict(dict))  # facts: (u, p, m, kind)
    participants: dict = field(default_factory=lambda: defaultdict(dict))  # (u, p, m, outcome)
    attendance: dict = field(default_factory=lambda: defaultdict(dict))  # Figure per cell
    attendance_people: dict = field(default_factory=lambda: defaultdict(dict))  # every level
    personal_goals: dict = field(default_factory=lambda: defaultdict(dict))  # (u, p, m, status)
    group_goals: dict = field(default_factory=lambda: defaultdict(dict))  # facts
    evaluations: dict = field(default_factory=lambda: defaultdict(dict))  # {kind: {...}}
    # Reminders (seed 002:3170-3195): attendance of those reminded and not, (u, p, m, yes/no)
    reminded: dict = field(default_factory=lambda: defaultdict(dict))
    reminded_people: dict = field(default_factory=lambda: defaultdict(dict))
    reminders_sent: dict = field(default_factory=lambda: defaultdict(dict))  # (u, p, m)
    reminders_failed: dict = field(default_factory=lambda: defaultdict(dict))  # (u, p, m, why)
    # Before and after reminders were taken into use in a unit's programme: (u, p, phase)
    phases: dict = field(default_factory=dict)
    phases_people: dict = field(default_factory=dict)


def _month(column: str) -> str:
    return f"({column} AT TIME ZONE %(tz)s)"


# A run belongs to the month it started in; its participants and goals with it (a cohort:
# "of the groups that started in March, 40 started, 31 completed").
_RUNS_SQL = """
SELECT r.unit_id, r.programme_id, extract(year FROM r.starts_on)::int,
       extract(month FROM r.starts_on)::int, r.status, count(*)
FROM groups_grouprun r
WHERE r.starts_on >= make_date(%(first)s, 1, 1) AND r.starts_on < make_date(%(last)s + 1, 1, 1)
GROUP BY 1, 2, 3, 4, 5
"""

_SESSIONS_SQL = f"""
SELECT r.unit_id, r.programme_id, extract(year FROM {_month("s.starts_at")})::int,
       extract(month FROM {_month("s.starts_at")})::int,
       count(*) FILTER (WHERE s.cancelled_at IS NULL AND s.starts_at <= %(now)s),
       count(*) FILTER (WHERE s.cancelled_at IS NOT NULL)
FROM groups_session s JOIN groups_grouprun r ON r.id = s.run_id
WHERE s.starts_at >= %(start)s AND s.starts_at < %(end)s
GROUP BY 1, 2, 3, 4
"""

_PARTICIPANTS_SQL = """
SELECT r.unit_id, r.programme_id, extract(year FROM r.starts_on)::int,
       extract(month FROM r.starts_on)::int,
       CASE e.status WHEN %(completed)s THEN 'completed' WHEN %(dropped)s THEN 'left'
                     ELSE 'ongoing' END,
       count(*)
FROM groups_enrolment e JOIN groups_grouprun r ON r.id = e.run_id
WHERE e.status = ANY (%(started)s)
  AND r.starts_on >= make_date(%(first)s, 1, 1) AND r.starts_on < make_date(%(last)s + 1, 1, 1)
GROUP BY 1, 2, 3, 4, 5
"""

# Attendance of the sessions held, by the session's month (the view groups_attendance_month,
# migration 0009). One person comes to many sessions: the number of different participants
# is counted for every level of the lattice (CUBE), so that a year's rate is never shown
# resting on one person.
# A participant is in one unit's one programme: only over months (and reminded or not) can
# they be counted twice, so the different people are counted per unit and programme and
# summed for the levels above (_people_above).
_ATTENDANCE_SQL = """
SELECT GROUPING(month), unit_id, programme_id, year, month, sum(present), sum(marked),
       count(DISTINCT enrolment_id)
FROM groups_attendance_month
WHERE year BETWEEN %(first)s AND %(last)s
GROUP BY GROUPING SETS ((year, unit_id, programme_id, month), (year, unit_id, programme_id))
"""

_PERSONAL_GOALS_SQL = """
SELECT r.unit_id, r.programme_id, extract(year FROM r.starts_on)::int,
       extract(month FROM r.starts_on)::int, g.status, count(*)
FROM groups_personalgoal g
JOIN groups_enrolment e ON e.id = g.enrolment_id
JOIN groups_grouprun r ON r.id = e.run_id
WHERE r.starts_on >= make_date(%(first)s, 1, 1) AND r.starts_on < make_date(%(last)s + 1, 1, 1)
GROUP BY 1, 2, 3, 4, 5
"""

_GROUP_GOALS_SQL = """
SELECT r.unit_id, r.programme_id, extract(year FROM r.starts_on)::int,
       extract(month FROM r.starts_on)::int, g.status, count(*)
FROM groups_groupgoal g JOIN groups_grouprun r ON r.id = g.run_id
WHERE r.starts_on >= make_date(%(first)s, 1, 1) AND r.starts_on < make_date(%(last)s + 1, 1, 1)
GROUP BY 1, 2, 3, 4, 5
"""

# The evaluations after sessions: a mean per kind of scale (three faces, 1-5), over the
# people who answered (n: evaluations, one per person and session).
_EVALUATIONS_SQL = """
SELECT unit_id, programme_id, year, month, kind, people, total, answers
FROM groups_evaluation_month
WHERE year BETWEEN %(first)s AND %(last)s
"""


# Attendance of those reminded of a session (a reminder to them about it went out) and of
# the others, from the view by month.
_REMINDED_SQL = """
SELECT GROUPING(month), GROUPING(reminded), unit_id, programme_id, year, month,
       CASE WHEN reminded THEN 'yes' ELSE 'no' END, sum(present), sum(marked),
       count(DISTINCT enrolment_id)
FROM groups_attendance_month
WHERE year BETWEEN %(first)s AND %(last)s
GROUP BY GROUPING SETS (
    (year, unit_id, programme_id, month, reminded), (year, unit_id, programme_id, month),
    (year, unit_id, programme_id, reminded), (year, unit_id, programme_id))
"""

# The reminders themselves by the month of their session: sent, or why not.
_REMINDERS_SQL = """
SELECT unit_id, programme_id, year, month, status, reason, messages
FROM groups_reminder_month
WHERE year BETWEEN %(first)s AND %(last)s
"""

# Attendance in the twelve months before a unit's programme sent its first reminder and in
# the twelve months after (seed 002:3170-3195: check the effect of the corrective action).
_PHASES_SQL = """
WITH first AS (
    SELECT unit_id, programme_id, min(make_date(year, month, 1)) AS since
    FROM groups_attendance_month WHERE reminded GROUP BY 1, 2
), marks AS (
    SELECT a.unit_id, a.programme_id, a.enrolment_id, a.present, a.marked,
           CASE WHEN make_date(a.year, a.month, 1) < f.since THEN 'before' ELSE 'after' END
               AS phase
    FROM groups_attendance_month a
    JOIN first f ON f.unit_id = a.unit_id AND f.programme_id = a.programme_id
    WHERE make_date(a.year, a.month, 1) >= f.since - interval '12 months'
      AND make_date(a.year, a.month, 1) < f.since + interval '12 months'
)
SELECT GROUPING(phase), unit_id, programme_id, phase, sum(present), sum(marked),
       count(DISTINCT enrolment_id)
FROM marks
GROUP BY GROUPING SETS ((unit_id, programme_id, phase), (unit_id, programme_id))
"""


def _rolled(grouped, values) -> tuple:
    return tuple(ALL if rolled else value for rolled, value in zip(grouped, values, strict=True))


def _people_above(counted: dict[tuple, int]) -> dict[tuple, int]:
    """The different people of every level, from those of each unit and programme: a
    participant is in one of each, so the counts add up over units and programmes."""
    people: dict[tuple, int] = defaultdict(int)
    for (unit, programme, *rest), n in counted.items():
        for u in (unit, ALL):
            for p in (programme, ALL):
                people[(u, p, *rest)] += n
    return dict(people)


def _params(first_year: int, last_year: int) -> dict:
    tz = timezone.get_default_timezone()
    return {
        "first": first_year,
        "last": last_year,
        "start": datetime(first_year, 1, 1, tzinfo=tz),
        "end": datetime(last_year + 1, 1, 1, tzinfo=tz),
        "now": timezone.now(),
        "tz": settings.TIME_ZONE,
        "completed": Enrolment.Status.COMPLETED,
        "dropped": Enrolment.Status.DROPPED_OUT,
        "started": [
            Enrolment.Status.STARTED,
            Enrolment.Status.COMPLETED,
            Enrolment.Status.DROPPED_OUT,
        ],
        "present": Attendance.Status.PRESENT,
        "unmarked": Attendance.Status.UNMARKED,
        "scales": [EvaluationQuestion.Kind.FACES_3, EvaluationQuestion.Kind.SCALE_5],
        "went": [Message.Status.SENT, Message.Status.DELIVERED],
        "failed": [Message.Status.FAILED, Message.Status.CANCELLED],
    }


def group_figures(first_year: int, last_year: int) -> GroupFigures:
    """Every group figure of the years first_year..last_year, for every unit and programme
    (what is hidden must not depend on who looks: the lattice is always the whole
    organisation's). Seven queries."""
    params = _params(first_year, last_year)
    result = GroupFigures()
    with read_connection().cursor() as cursor:
        cursor.execute(_RUNS_SQL, params)
        for unit, programme, year, month, status, count in cursor.fetchall():
            result.runs[year][(unit, programme, month, status)] = count
        cursor.execute(_SESSIONS_SQL, params)
        for unit, programme, year, month, held, cancelled in cursor.fetchall():
            result.sessions[year][(unit, programme, month, "held")] = held
            result.sessions[year][(unit, programme, month, "cancelled")] = cancelled
        cursor.execute(_PARTICIPANTS_SQL, params)
        for unit, programme, year, month, outcome, count in cursor.fetchall():
            result.participants[year][(unit, programme, month, outcome)] = Figure(n=count)
        cursor.execute(_ATTENDANCE_SQL, params)
        counted: dict = defaultdict(dict)
        for whole, unit, programme, year, month, present, marked, people in cursor.fetchall():
            key = (unit, programme, ALL if whole else month)
            if not whole:
                result.attendance[year][key] = Figure(n=people, total=present, values=marked)
            counted[year][key] = people
        for year, cells in counted.items():
            result.attendance_people[year] = _people_above(cells)
        cursor.execute(_PERSONAL_GOALS_SQL, params)
        for unit, programme, year, month, status, count in cursor.fetchall():
            result.personal_goals[year][(unit, programme, month, status)] = Figure(n=count)
        cursor.execute(_GROUP_GOALS_SQL, params)
        for unit, programme, year, month, status, count in cursor.fetchall():
            result.group_goals[year][(unit, programme, month, status)] = count
        cursor.execute(_EVALUATIONS_SQL, params)
        for unit, programme, year, month, kind, people, total, values in cursor.fetchall():
            result.evaluations[year].setdefault(kind, {})[(unit, programme, month)] = Figure(
                n=people, total=total, values=values
            )
    return result


def reminder_figures(first_year: int, last_year: int) -> GroupFigures:
    """Attendance of the reminded and the not reminded, the reminders and why some did not
    go out, and attendance before and after reminders. Three queries."""
    params = _params(first_year, last_year)
    result = GroupFigures()
    with read_connection().cursor() as cursor:
        cursor.execute(_REMINDED_SQL, params)
        counted = defaultdict(dict)
        for row in cursor.fetchall():
            grouped, (unit, programme, year, month, flag, present, marked, people) = (
                row[:2],
                row[2:],
            )
            key = (unit, programme, *_rolled(grouped, (month, flag)))
            if not any(grouped):
                result.reminded[year][key] = Figure(n=people, total=present, values=marked)
            counted[year][key] = people
        for year, cells in counted.items():
            result.reminded_people[year] = _people_above(cells)
        cursor.execute(_REMINDERS_SQL, params)
        for unit, programme, year, month, status, reason, count in cursor.fetchall():
            if status in params["went"]:
                figure = result.reminders_sent[year].setdefault((unit, programme, month), Figure())
            else:
                # A reminder no longer needed (the session was cancelled) is no failure.
                if reason == Message.Reason.OBSOLETE:
                    continue
                key = (unit, programme, month, reason or Message.Reason.GAVE_UP)
                figure = result.reminders_failed[year].setdefault(key, Figure())
            figure.n += count
        cursor.execute(_PHASES_SQL, params)
        counted = {}
        for whole, unit, programme, phase, present, marked, people in cursor.fetchall():
            key = (unit, programme, ALL if whole else phase)
            if not whole:
                result.phases[key] = Figure(n=people, total=present, values=marked)
            counted[key] = people
        result.phases_people = _people_above(counted)
    return result


RUN_STATUSES = GroupRun.Status
GOAL_STATUSES = GoalStatus


def run_session_attendance(run: GroupRun) -> list[tuple]:
    """(session, present, marked) for each session of the run, in order: counts only, for
    the run report; cancelled sessions with no marks."""
    from django.db.models import Count, Q

    return [
        (session, session.present, session.marked)
        for session in run.sessions.order_by("starts_at").annotate(
            present=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)),
            marked=Count("attendances", filter=~Q(attendances__status=Attendance.Status.UNMARKED)),
        )
    ]
