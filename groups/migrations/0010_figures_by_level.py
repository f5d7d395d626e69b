"""The different people behind the attendance figures, counted ahead for every level the
dashboards read, and one function that brings every figures view up to date.

Counting the different participants of each unit, programme and month, of each year, and
of the reminded and the not reminded (count DISTINCT over grouping sets) took 75-120 ms a
query on every dashboard of a big city; counted at the refresh, a dashboard reads a few
thousand finished rows in a millisecond or two. `month` 0 is the whole year, `reminded`
'*' both kinds together (no NULLs: a refresh CONCURRENTLY matches rows by their values).

Only a view's owner may refresh it, and the application runs as a role that owns nothing
(DATABASE_APP_ROLE): `groups_figures_refresh()` runs as the owner who made it (SECURITY
DEFINER, its search path fixed) and does nothing but refresh these views and bring their
statistics up to date, so that the planner knows their size at once instead of guessing
until autovacuum comes by."""

from django.db import migrations

CELLS = """
CREATE MATERIALIZED VIEW groups_attendance_cells AS
SELECT year, unit_id, programme_id,
       CASE WHEN GROUPING(month) = 1 THEN 0 ELSE month END AS month,
       CASE WHEN GROUPING(reminded) = 1 THEN '*' WHEN reminded THEN 'yes' ELSE 'no' END
           AS reminded,
       sum(present)::bigint AS present, sum(marked)::bigint AS marked,
       count(DISTINCT enrolment_id) AS people
FROM groups_attendance_month
GROUP BY GROUPING SETS (
    (year, unit_id, programme_id, month, reminded), (year, unit_id, programme_id, month),
    (year, unit_id, programme_id, reminded), (year, unit_id, programme_id));
CREATE UNIQUE INDEX groups_attendance_cells_key
    ON groups_attendance_cells (year, unit_id, programme_id, month, reminded);
"""

# Attendance in the twelve months before a unit's programme sent its first reminder and in
# the twelve months after (seed 002:3170-3195); phase '*' is both together.
PHASES = """
CREATE MATERIALIZED VIEW groups_attendance_phases AS
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
SELECT unit_id, programme_id, CASE WHEN GROUPING(phase) = 1 THEN '*' ELSE phase END AS phase,
       sum(present)::bigint AS present, sum(marked)::bigint AS marked,
       count(DISTINCT enrolment_id) AS people
FROM marks
GROUP BY GROUPING SETS ((unit_id, programme_id, phase), (unit_id, programme_id));
CREATE UNIQUE INDEX groups_attendance_phases_key
    ON groups_attendance_phases (unit_id, programme_id, phase);
"""

# In order: the views by level are counted from the view by month.
REFRESH = """
CREATE FUNCTION groups_figures_refresh() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY groups_attendance_month;
    REFRESH MATERIALIZED VIEW CONCURRENTLY groups_evaluation_month;
    REFRESH MATERIALIZED VIEW CONCURRENTLY groups_reminder_month;
    REFRESH MATERIALIZED VIEW CONCURRENTLY groups_attendance_cells;
    REFRESH MATERIALIZED VIEW CONCURRENTLY groups_attendance_phases;
    ANALYZE groups_attendance_month, groups_evaluation_month, groups_reminder_month,
            groups_attendance_cells, groups_attendance_phases;
END;
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("groups", "0009_figures_by_month")]

    operations = [
        migrations.RunSQL(CELLS, "DROP MATERIALIZED VIEW groups_attendance_cells"),
        migrations.RunSQL(PHASES, "DROP MATERIALIZED VIEW groups_attendance_phases"),
        migrations.RunSQL(REFRESH, "DROP FUNCTION groups_figures_refresh()"),
    ]
