"""The batch's own file column goes, now that its document holds the file (0004). Its own
migration: PostgreSQL does not alter a table with row changes of the same transaction still
to be checked. The old beat job's row goes too: its task is the documents' resume now."""

from django.db import migrations


def forget_old_beat_job(apps, schema_editor):
    try:
        PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    except LookupError:
        return
    PeriodicTask.objects.filter(name="resume-letter-batches").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0004_print_files_are_documents"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RemoveField(model_name="letterbatch", name="pdf"),
        migrations.RunPython(forget_old_beat_job, migrations.RunPython.noop),
    ]
