"""The groups' figures for dashboards and reports, counted in SQL per base cell: unit x
programme x month of a calendar year (Europe/Helsinki). Reporting reads them here and
protects them with the one rule for figures about people (socialwork.core.disclosure):
every year is a lattice of its own, a month or a unit is a part like any other.

Each function is one query over every year asked for, whatever the amount of data."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from groups.models import (
    Attendance,
    Enrolment,
    EvaluationQuestion,
    GoalStatus,
    GroupRun,
    Session,
)
from groups.notices import REMINDER
from socialwork.core.disclosure import ALL, Figure
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

# Attendance of the sessions held, by the session's month. One person comes to many
# sessions: the number of different participants is counted for every level of the
# lattice (CUBE), so that a year's rate is never shown resting on one person.
_SESSION_MONTH = f"extract(month FROM {_month('s.starts_at')})::int"
_ATTENDANCE_SQL = f"""
SELECT GROUPING(r.unit_id), GROUPING(r.programme_id), GROUPING({_SESSION_MONTH}),
       r.unit_id, r.programme_id, extract(year FROM {_month("s.starts_at")})::int,
       {_SESSION_MONTH}, count(*) FILTER (WHERE a.status = %(present)s), count(*),
       count(DISTINCT a.enrolment_id)
FROM groups_attendance a
JOIN groups_session s ON s.id = a.session_id
JOIN groups_grouprun r ON r.id = s.run_id
WHERE s.cancelled_at IS NULL AND a.status <> %(unmarked)s
  AND s.starts_at >= %(start)s AND s.starts_at < %(end)s
GROUP BY extract(year FROM {_month("s.starts_at")})::int,
         CUBE (r.unit_id, r.programme_id, {_SESSION_MONTH})
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
_EVALUATIONS_SQL = f"""
SELECT r.unit_id, r.programme_id, extract(year FROM {_month("s.starts_at")})::int,
       extract(month FROM {_month("s.starts_at")})::int, q.kind,
       count(DISTINCT ev.id), sum(x.value), count(x.value)
FROM groups_evaluationanswer x
JOIN groups_evaluationquestion q ON q.id = x.question_id
JOIN groups_sessionevaluation ev ON ev.id = x.evaluation_id
JOIN groups_session s ON s.id = ev.session_id
JOIN groups_grouprun r ON r.id = s.run_id
WHERE x.value IS NOT NULL AND q.kind = ANY (%(scales)s)
  AND s.starts_at >= %(start)s AND s.starts_at < %(end)s
GROUP BY 1, 2, 3, 4, 5
"""


# Whether a participant was reminded of a session: a reminder to them about that session
# went out (sent or delivered).
_REMINDED = """EXISTS (
    SELECT 1 FROM messaging_message m
    WHERE m.content_type_id = %(session_type)s AND m.object_id = s.id::text
      AND m.client_id = e.client_id AND m.purpose = %(reminder)s AND m.status = ANY (%(went)s))"""

_REMINDED_SQL = f"""
WITH marks AS (
    SELECT r.unit_id, r.programme_id, extract(year FROM {_month("s.starts_at")})::int AS year,
           {_SESSION_MONTH} AS month, a.enrolment_id, a.status,
           CASE WHEN {_REMINDED} THEN 'yes' ELSE 'no' END AS reminded
    FROM groups_attendance a
    JOIN groups_session s ON s.id = a.session_id
    JOIN groups_enrolment e ON e.id = a.enrolment_id
    JOIN groups_grouprun r ON r.id = s.run_id
    WHERE s.cancelled_at IS NULL AND a.status <> %(unmarked)s
      AND s.starts_at >= %(start)s AND s.starts_at < %(end)s
)
SELECT GROUPING(unit_id), GROUPING(programme_id), GROUPING(month), GROUPING(reminded),
       unit_id, programme_id, year, month, reminded,
       count(*) FILTER (WHERE status = %(present)s), count(*), count(DISTINCT enrolment_id)
FROM marks
GROUP BY year, CUBE (unit_id, programme_id, month, reminded)
"""

# The reminders themselves by the month of their session: sent, or why not.
_REMINDERS_SQL = f"""
SELECT r.unit_id, r.programme_id, extract(year FROM {_month("s.starts_at")})::int,
       {_SESSION_MONTH}, m.status, m.reason, count(*)
FROM messaging_message m
JOIN groups_session s ON m.content_type_id = %(session_type)s AND m.object_id = s.id::text
JOIN groups_grouprun r ON r.id = s.run_id
WHERE m.purpose = %(reminder)s AND s.starts_at >= %(start)s AND s.starts_at < %(end)s
  AND (m.status = ANY (%(went)s) OR m.status = ANY (%(failed)s))
GROUP BY 1, 2, 3, 4, 5, 6
"""

# Attendance in the twelve months before a unit's programme sent its first reminder and in
# the twelve months after (seed 002:3170-3195: check the effect of the corrective action).
_PHASES_SQL = """
WITH first AS (
    SELECT r.unit_id, r.programme_id, min(s.starts_at) AS since
    FROM messaging_message m
    JOIN groups_session s ON m.content_type_id = %(session_type)s AND m.object_id = s.id::text
    JOIN groups_grouprun r ON r.id = s.run_id
    WHERE m.purpose = %(reminder)s AND m.status = ANY (%(went)s)
    GROUP BY 1, 2
), marks AS (
    SELECT r.unit_id, r.programme_id, a.enrolment_id, a.status,
           CASE WHEN s.starts_at < f.since THEN 'before' ELSE 'after' END AS phase
    FROM groups_attendance a
    JOIN groups_session s ON s.id = a.session_id
    JOIN groups_grouprun r ON r.id = s.run_id
    JOIN first f ON f.unit_id = r.unit_id AND f.programme_id = r.programme_id
    WHERE s.cancelled_at IS NULL AND a.status <> %(unmarked)s
      AND s.starts_at >= f.since - interval '12 months'
      AND s.starts_at < f.since + interval '12 months'
)
SELECT GROUPING(unit_id), GROUPING(programme_id), GROUPING(phase), unit_id, programme_id, phase,
       count(*) FILTER (WHERE status = %(present)s), count(*), count(DISTINCT enrolment_id)
FROM marks
GROUP BY CUBE (unit_id, programme_id, phase)
"""


def _rolled(grouped, values) -> tuple:
    return tuple(ALL if rolled else value for rolled, value in zip(grouped, values, strict=True))


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
        "session_type": ContentType.objects.get_for_model(Session).pk,
        "reminder": REMINDER,
        "went": [Message.Status.SENT, Message.Status.DELIVERED],
        "failed": [Message.Status.FAILED, Message.Status.CANCELLED],
    }


def group_figures(first_year: int, last_year: int) -> GroupFigures:
    """Every group figure of the years first_year..last_year, for every unit and programme
    (what is hidden must not depend on who looks: the lattice is always the whole
    organisation's). Seven queries."""
    params = _params(first_year, last_year)
    result = GroupFigures()
    with connection.cursor() as cursor:
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
        for *grouped, unit, programme, year, month, present, marked, people in cursor.fetchall():
            key = _rolled(grouped, (unit, programme, month))
            if not any(grouped):
                result.attendance[year][key] = Figure(n=people, total=present, values=marked)
            else:
                result.attendance_people[year][key] = people
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
    with connection.cursor() as cursor:
        cursor.execute(_REMINDED_SQL, params)
        for row in cursor.fetchall():
            grouped, (unit, programme, year, month, flag, present, marked, people) = (
                row[:4],
                row[4:],
            )
            key = _rolled(grouped, (unit, programme, month, flag))
            if not any(grouped):
                result.reminded[year][key] = Figure(n=people, total=present, values=marked)
            else:
                result.reminded_people[year][key] = people
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
        for row in cursor.fetchall():
            grouped, (unit, programme, phase, present, marked, people) = row[:3], row[3:]
            key = _rolled(grouped, (unit, programme, phase))
            if not any(grouped):
                result.phases[key] = Figure(n=people, total=present, values=marked)
            else:
                result.phases_people[key] = people
    return result


RUN_STATUSES = GroupRun.Status
GOAL_STATUSES = GoalStatus
