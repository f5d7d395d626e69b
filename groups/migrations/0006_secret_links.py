"""Session codes and calendar addresses become links without a login (socialwork/links):
the token is kept sealed under SECRET_KEY, with a keyed hash to find it. Every code and
address stays the same, so a calendar that subscribed keeps working."""

import django.db.models.deletion
from django.db import migrations, models


def links_for_codes_and_feeds(apps, schema_editor):
    from socialwork.links.tokens import lookup_hash, seal

    EvaluationCode = apps.get_model("groups", "EvaluationCode")
    CalendarFeed = apps.get_model("groups", "CalendarFeed")
    SecretLink = apps.get_model("links", "SecretLink")
    for code in EvaluationCode.objects.all():
        code.link = SecretLink.objects.create(
            purpose="session-code",
            token_hash=lookup_hash("session-code", code.code),
            sealed=seal(code.code),
            expires_at=code.expires_at,
            created_by_id=code.created_by_id,
            created_at=code.created_at,
        )
        code.save(update_fields=["link"])
    for feed in CalendarFeed.objects.all():
        feed.link = SecretLink.objects.create(
            purpose="calendar-feed",
            token_hash=lookup_hash("calendar-feed", feed.token),
            sealed=seal(feed.token),
            created_by_id=feed.user_id,
            created_at=feed.created_at,
        )
        feed.save(update_fields=["link"])


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0005_enrolment_client_removable"),
        ("links", "0001_secret_links"),
    ]

    operations = [
        migrations.AddField(
            model_name="calendarfeed",
            name="link",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="calendar_feed",
                to="links.secretlink",
            ),
        ),
        migrations.AddField(
            model_name="evaluationcode",
            name="link",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evaluation_code",
                to="links.secretlink",
            ),
        ),
        migrations.RunPython(links_for_codes_and_feeds, migrations.RunPython.noop),
    ]
