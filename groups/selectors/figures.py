"""The groups' figures for dashboards and reports, counted in SQL per base cell: unit x
programme x month of a calendar year (Europe/Helsinki). Reporting reads them here and
protects them with the one rule for figures about people (socialwork.core.disclosure):
every year is a lattice of its own, a month or a unit is a part like any other.

Each figure family is one query over every year asked for, whatever the amount of data.
Attendance, evaluations and reminders are read from materialised views by month (migration
0009), refreshed every few minutes (services.figures_refresh): reading two years of a big
city's attendance marks on every page took a second."""

from collections import defaultdict
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.utils import timezone

from groups.models import (
    Attendance,
    Enrolment,
    GoalStatus,
    GroupRun,
)
from socialwork.core.disclosure import ALL, Figure
from socialwork.core.fingerprint import fingerprint
from socialwork.core.routers import read_connection
from socialwork.messaging.models import Message

# The outcome of a participation, in neutral words (dropping out carries no sanction): a
# participant who started either completed, left before the end, or is still in the group.
OUTCOMES = ("completed", "left", "ongoing")


class _Read:
    """The rows of some queries and a digest of them all. The figures are made from the rows
    when first asked for: a dashboard whose section is kept under the digest (reporting)
    needs only the digest."""

    def __init__(self, rows: dict[str, list[tuple]], digest: str):
        self.rows = rows
        self.digest = digest  # of every row read: the same digest, the same figures


class GroupFigures(_Read):
    """{year: {key: value}} per figure. Keys are (unit, programme, month) base cells, with
    a fourth part (outcome, goal status) where a figure is split that way."""

    @cached_property
    def runs(self) -> dict:  # facts: (u, p, m, status)
        result = defaultdict(dict)
        for unit, programme, year, month, status, count in self.rows["runs"]:
            result[year][(unit, programme, month, status)] = count
        return result

    @cached_property
    def sessions(self) -> dict:  # facts: (u, p, m, held or cancelled)
        result = defaultdict(dict)
        for unit, programme, year, month, held, cancelled in self.rows["sessions"]:
            result[year][(unit, programme, month, "held")] = held
            result[year][(unit, programme, month, "cancelled")] = cancelled
        return result

    @cached_property
    def participants(self) -> dict:  # (u, p, m, outcome)
        result = defaultdict(dict)
        for unit, programme, year, month, outcome, count in self.rows["participants"]:
            result[year][(unit, programme, month, outcome)] = Figure(n=count)
        return result

    @cached_property
    def attendance(self) -> dict:  # a Figure per (u, p, m)
        result = defaultdict(dict)
        for unit, programme, year, month, present, marked, people in self.rows["attendance"]:
            if month:
                result[year][(unit, programme, month)] = Figure(
                    n=people, total=present, values=marked
                )
        return result

    @cached_property
    def attendance_people(self) -> dict:  # the different people of every level
        counted: dict = defaultdict(dict)
        for unit, programme, year, month, _present, _marked, people in self.rows["attendance"]:
            counted[year][(unit, programme, month or ALL)] = people
        return {year: _people_above(cells) for year, cells in counted.items()}

    @cached_property
    def personal_goals(self) -> dict:  # (u, p, m, status)
        result = defaultdict(dict)
        for unit, programme, year, month, status, count in self.rows["personal_goals"]:
            result[year][(unit, programme, month, status)] = Figure(n=count)
        return result

    @cached_property
    def group_goals(self) -> dict:  # facts: (u, p, m, status)
        result = defaultdict(dict)
        for unit, programme, year, month, status, count in self.rows["group_goals"]:
            result[year][(unit, programme, month, status)] = count
        return result

    @cached_property
    def evaluations(self) -> dict:  # {year: {kind: {(u, p, m): Figure}}}
        result = defaultdict(dict)
        for unit, programme, year, month, kind, people, total, values in self.rows["evaluations"]:
            result[year].setdefault(kind, {})[(unit, programme, month)] = Figure(
                n=people, total=total, values=values
            )
        return result


class ReminderFigures(_Read):
    """Reminders (seed 002:3170-3195), {year: {key: value}} per figure: attendance of those
    reminded and not (u, p, m, yes/no), the reminders that went (u, p, m) and those that
    did not (u, p, m, why); and, over all the years, attendance before and after reminders
    were taken into use in a unit's programme (u, p, phase)."""

    @cached_property
    def reminded(self) -> dict:
        result = defaultdict(dict)
        for unit, programme, year, month, flag, present, marked, people in self.rows["reminded"]:
            if month and flag != ALL:
                result[year][(unit, programme, month, flag)] = Figure(
                    n=people, total=present, values=marked
                )
        return result

    @cached_property
    def reminded_people(self) -> dict:
        counted: dict = defaultdict(dict)
        for unit, programme, year, month, flag, _present, _marked, people in self.rows["reminded"]:
            counted[year][(unit, programme, month or ALL, flag)] = people
        return {year: _people_above(cells) for year, cells in counted.items()}

    @cached_property
    def _reminders(self) -> tuple[dict, dict]:
        sent, failed = defaultdict(dict), defaultdict(dict)
        went = (Message.Status.SENT, Message.Status.DELIVERED)
        for unit, programme, year, month, status, reason, count in self.rows["reminders"]:
            if status in went:
                figure = sent[year].setdefault((unit, programme, month), Figure())
            else:
                # A reminder no longer needed (the session was cancelled) is no failure.
                if reason == Message.Reason.OBSOLETE:
                    continue
                key = (unit, programme, month, reason or Message.Reason.GAVE_UP)
                figure = failed[year].setdefault(key, Figure())
            figure.n += count
        return sent, failed

    @cached_property
    def reminders_sent(self) -> dict:
        return self._reminders[0]

    @cached_property
    def reminders_failed(self) -> dict:
        return self._reminders[1]

    @cached_property
    def phases(self) -> dict:
        return {
            (unit, programme, phase): Figure(n=people, total=present, values=marked)
            for unit, programme, phase, present, marked, people in self.rows["phases"]
            if phase != ALL
        }

    @cached_property
    def phases_people(self) -> dict:
        return _people_above(
            {
                (unit, programme, phase): people
                for unit, programme, phase, _present, _marked, people in self.rows["phases"]
            }
        )


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
# sessions: the number of different participants is counted for every level of the lattice,
# so that a year's rate is never shown resting on one person. They are counted ahead, at the
# refresh (the view groups_attendance_cells, migration 0010; month 0 is the whole year).
# A participant is in one unit's one programme: only over months (and reminded or not) can
# they be counted twice, so the different people are counted per unit and programme and
# summed for the levels above (_people_above).
_ATTENDANCE_SQL = """
SELECT unit_id, programme_id, year, month, present, marked, people
FROM groups_attendance_cells
WHERE year BETWEEN %(first)s AND %(last)s AND reminded = '*'
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
# the others, every level counted ahead (month 0: the year; reminded '*': both).
_REMINDED_SQL = """
SELECT unit_id, programme_id, year, month, reminded, present, marked, people
FROM groups_attendance_cells
WHERE year BETWEEN %(first)s AND %(last)s
"""

# The reminders themselves by the month of their session: sent, or why not.
_REMINDERS_SQL = """
SELECT unit_id, programme_id, year, month, status, reason, messages
FROM groups_reminder_month
WHERE year BETWEEN %(first)s AND %(last)s
"""

# Attendance in the twelve months before a unit's programme sent its first reminder and in
# the twelve months after (seed 002:3170-3195: check the effect of the corrective action),
# counted at the refresh (groups_attendance_phases; phase '*' is both).
_PHASES_SQL = """
SELECT unit_id, programme_id, phase, present, marked, people
FROM groups_attendance_phases
"""


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
    }


def _read(queries: dict[str, str], params: dict) -> tuple[dict, str]:
    """Each query's rows, and a digest of them all: the same rows give the same digest, so
    what is built from them can be kept (reporting keeps a dashboard's section under it)
    and is never kept past a change of any figure."""
    rows = {}
    with read_connection().cursor() as cursor:
        for name, sql in queries.items():
            cursor.execute(sql, params)
            rows[name] = cursor.fetchall()
    return rows, fingerprint(list(rows.items()))


def group_figures(first_year: int, last_year: int) -> GroupFigures:
    """Every group figure of the years first_year..last_year, for every unit and programme
    (what is hidden must not depend on who looks: the lattice is always the whole
    organisation's). Seven queries."""
    queries = {
        "runs": _RUNS_SQL,
        "sessions": _SESSIONS_SQL,
        "participants": _PARTICIPANTS_SQL,
        "attendance": _ATTENDANCE_SQL,
        "personal_goals": _PERSONAL_GOALS_SQL,
        "group_goals": _GROUP_GOALS_SQL,
        "evaluations": _EVALUATIONS_SQL,
    }
    return GroupFigures(*_read(queries, _params(first_year, last_year)))


def reminder_figures(first_year: int, last_year: int) -> ReminderFigures:
    """Attendance of the reminded and the not reminded, the reminders and why some did not
    go out, and attendance before and after reminders. Three queries."""
    queries = {"reminded": _REMINDED_SQL, "reminders": _REMINDERS_SQL, "phases": _PHASES_SQL}
    return ReminderFigures(*_read(queries, _params(first_year, last_year)))


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
