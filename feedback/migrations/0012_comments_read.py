from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # The index is built without locking the answers against new ones (a big table).
    atomic = False

    dependencies = [
        ("feedback", "0011_results_snapshots"),
    ]

    operations = [
        # A default in the database: adding the column rewrites nothing (PostgreSQL 11+).
        migrations.AddField(
            model_name="answer",
            name="is_read",
            field=models.BooleanField(db_default=False, default=False, verbose_name="read"),
        ),
        AddIndexConcurrently(
            model_name="answer",
            index=models.Index(
                condition=models.Q(("hidden", False), ("is_read", False)) & ~models.Q(("text", "")),
                fields=["response"],
                name="feedback_answer_unread",
            ),
        ),
    ]
