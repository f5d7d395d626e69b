import datetime

from django.db import migrations, models

# Sessions saved with a date outside any real schedule (the year 1 typed by mistake, before
# forms checked the range) cannot be read back into local time and break their group's
# pages. They go back to the group's first day at its usual time, cancelled, with a reason
# the facilitators see, so nothing is deleted and nothing is reminded of.
REPAIR_SQL = """
UPDATE groups_session s
SET starts_at = (r.starts_on + r.start_time) AT TIME ZONE 'Europe/Helsinki',
    ends_at = (r.starts_on + r.start_time) AT TIME ZONE 'Europe/Helsinki'
              + make_interval(mins => GREATEST(r.session_minutes, 1)),
    cancelled_at = COALESCE(s.cancelled_at, now()),
    cancel_reason = 'Päivämäärä oli virheellinen: tarkista se ja aseta uudelleen.',
    updated_at = now()
FROM groups_grouprun r
WHERE r.id = s.run_id
  AND (s.starts_at < '2000-01-01T00:00:00Z' OR s.starts_at >= '2100-01-01T00:00:00Z')
"""


def repair(apps, schema_editor):
    schema_editor.execute(REPAIR_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0003_evaluation_codes_and_feeds"),
    ]

    operations = [
        migrations.RunPython(repair, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="session",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("starts_at__gte", datetime.datetime(2000, 1, 1, 0, 0, tzinfo=datetime.UTC)),
                    ("starts_at__lt", datetime.datetime(2100, 1, 1, 0, 0, tzinfo=datetime.UTC)),
                ),
                name="groups_session_sensible_start",
                violation_error_message="The session's date is out of range.",
            ),
        ),
    ]
