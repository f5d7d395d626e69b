"""The groups' figures by month, kept for the dashboards as materialised views (refreshed
by a beat job, groups.services.figures_refresh): reading two years of attendance marks and
reminders of a big city on every page took a second; these views hold a row per
participant and month (attendance, reminded or not), per kind of evaluation and month, and
per reminder outcome and month.

Months are Helsinki's (TIME_ZONE); the purpose and statuses are the values of
groups.notices.REMINDER and messaging's Message.Status."""

from django.db import migrations

ATTENDANCE = """
CREATE MATERIALIZED VIEW groups_attendance_month AS
WITH reminded AS (
    SELECT DISTINCT m.object_id, m.client_id
    FROM messaging_message m
    JOIN django_content_type t ON t.id = m.content_type_id
    WHERE t.app_label = 'groups' AND t.model = 'session'
      AND m.purpose = 'groups.session_reminder' AND m.status IN ('sent', 'delivered')
)
SELECT r.unit_id, r.programme_id,
       extract(year FROM s.starts_at AT TIME ZONE 'Europe/Helsinki')::int AS year,
       extract(month FROM s.starts_at AT TIME ZONE 'Europe/Helsinki')::int AS month,
       a.enrolment_id,
       (rm.object_id IS NOT NULL) AS reminded,
       count(*) FILTER (WHERE a.status = 'present') AS present,
       count(*) AS marked
FROM groups_attendance a
JOIN groups_session s ON s.id = a.session_id
JOIN groups_enrolment e ON e.id = a.enrolment_id
JOIN groups_grouprun r ON r.id = s.run_id
LEFT JOIN reminded rm ON rm.object_id = s.id::text AND rm.client_id = e.client_id
WHERE s.cancelled_at IS NULL AND a.status <> 'unmarked'
GROUP BY 1, 2, 3, 4, 5, 6;
CREATE UNIQUE INDEX groups_attendance_month_key
    ON groups_attendance_month (year, month, unit_id, programme_id, enrolment_id, reminded);
"""

EVALUATIONS = """
CREATE MATERIALIZED VIEW groups_evaluation_month AS
SELECT r.unit_id, r.programme_id,
       extract(year FROM s.starts_at AT TIME ZONE 'Europe/Helsinki')::int AS year,
       extract(month FROM s.starts_at AT TIME ZONE 'Europe/Helsinki')::int AS month,
       q.kind, count(DISTINCT ev.id) AS people, sum(x.value) AS total, count(x.value) AS answers
FROM groups_evaluationanswer x
JOIN groups_evaluationquestion q ON q.id = x.question_id
JOIN groups_sessionevaluation ev ON ev.id = x.evaluation_id
JOIN groups_session s ON s.id = ev.session_id
JOIN groups_grouprun r ON r.id = s.run_id
WHERE x.value IS NOT NULL AND q.kind IN ('faces_3', 'scale_5')
GROUP BY 1, 2, 3, 4, 5;
CREATE UNIQUE INDEX groups_evaluation_month_key
    ON groups_evaluation_month (year, month, unit_id, programme_id, kind);
"""

REMINDERS = """
CREATE MATERIALIZED VIEW groups_reminder_month AS
SELECT r.unit_id, r.programme_id,
       extract(year FROM s.starts_at AT TIME ZONE 'Europe/Helsinki')::int AS year,
       extract(month FROM s.starts_at AT TIME ZONE 'Europe/Helsinki')::int AS month,
       m.status, m.reason, count(*) AS messages
FROM messaging_message m
JOIN django_content_type t ON t.id = m.content_type_id
JOIN groups_session s ON s.id::text = m.object_id
JOIN groups_grouprun r ON r.id = s.run_id
WHERE t.app_label = 'groups' AND t.model = 'session'
  AND m.purpose = 'groups.session_reminder'
  AND m.status IN ('sent', 'delivered', 'failed', 'cancelled')
GROUP BY 1, 2, 3, 4, 5, 6;
CREATE UNIQUE INDEX groups_reminder_month_key
    ON groups_reminder_month (year, month, unit_id, programme_id, status, reason);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0008_messages_say_which_time"),
        ("messaging", "0006_messages_carry_links_and_files"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunSQL(ATTENDANCE, "DROP MATERIALIZED VIEW groups_attendance_month"),
        migrations.RunSQL(EVALUATIONS, "DROP MATERIALIZED VIEW groups_evaluation_month"),
        migrations.RunSQL(REMINDERS, "DROP MATERIALIZED VIEW groups_reminder_month"),
    ]
