"""The tokens' old columns go, now that their links hold them (see 0006_secret_links). A migration
of its own: PostgreSQL does not alter a table with row changes of the same transaction
still to be checked."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("groups", "0006_secret_links")]

    operations = [
        migrations.RemoveIndex(model_name="evaluationcode", name="groups_code_session"),
        migrations.RemoveField(model_name="calendarfeed", name="token"),
        migrations.RemoveField(model_name="evaluationcode", name="code"),
        migrations.RemoveField(model_name="evaluationcode", name="expires_at"),
        migrations.AlterField(
            model_name="calendarfeed",
            name="link",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="calendar_feed",
                to="links.secretlink",
            ),
        ),
        migrations.AlterField(
            model_name="evaluationcode",
            name="link",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evaluation_code",
                to="links.secretlink",
            ),
        ),
    ]
