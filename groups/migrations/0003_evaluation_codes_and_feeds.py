import secrets

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import groups.migrations._legacy


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0002_programmes_and_default_questions"),
    ]

    operations = [
        migrations.AddField(
            model_name="session",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="changed"
            ),
            preserve_default=False,
        ),
        migrations.AlterModelOptions(
            name="calendarfeed",
            options={"verbose_name": "calendar feed", "verbose_name_plural": "calendar feeds"},
        ),
        migrations.AlterModelOptions(
            name="evaluationcode",
            options={"verbose_name": "session code", "verbose_name_plural": "session codes"},
        ),
        migrations.AlterField(
            model_name="calendarfeed",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="created"),
        ),
        migrations.AlterField(
            model_name="calendarfeed",
            name="token",
            field=models.CharField(
                default=secrets.token_urlsafe,
                max_length=64,
                unique=True,
                verbose_name="secret address",
            ),
        ),
        migrations.AlterField(
            model_name="evaluationcode",
            name="code",
            field=models.CharField(
                default=groups.migrations._legacy.evaluation_code,
                max_length=12,
                unique=True,
                verbose_name="code",
            ),
        ),
        migrations.AlterField(
            model_name="evaluationcode",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="opened"),
        ),
        migrations.AlterField(
            model_name="evaluationcode",
            name="expires_at",
            field=models.DateTimeField(verbose_name="valid until"),
        ),
        migrations.AlterField(
            model_name="evaluationcode",
            name="session",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evaluation_codes",
                to="groups.session",
                verbose_name="session",
            ),
        ),
        migrations.AddIndex(
            model_name="evaluationcode",
            index=models.Index(fields=["session", "expires_at"], name="groups_code_session"),
        ),
    ]
