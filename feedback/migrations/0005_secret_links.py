"""Campaigns' web links and tablets' registration links become links without a login
(socialwork/links): the token is kept sealed under SECRET_KEY, with a keyed hash to find it.

A campaign's token stays the same, so printed sheets keep working, the early 22-character
ones too. A registration link
waiting to be opened cannot move: only a plain hash of it was kept, and it was valid for a
day at most; the administrator makes a new one."""

import django.db.models.deletion
from django.db import migrations, models


def campaign_links(apps, schema_editor):
    from socialwork.links.tokens import lookup_hash, seal

    Campaign = apps.get_model("feedback", "Campaign")
    SecretLink = apps.get_model("links", "SecretLink")
    for campaign in Campaign.objects.exclude(token="").only("pk", "token", "created_at"):
        # Ten typed characters since 23.11.2026; 22 URL-safe ones, exactly as printed, before.
        purpose = "survey" if len(campaign.token) == 10 else "survey-early"
        token = campaign.token.lower() if purpose == "survey" else campaign.token
        campaign.link = SecretLink.objects.create(
            purpose=purpose,
            token_hash=lookup_hash(purpose, token),
            sealed=seal(token),
            created_at=campaign.created_at,
        )
        campaign.save(update_fields=["link"])


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0004_random_keys_and_pending_slips"),
        ("links", "0001_secret_links"),
    ]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="link",
            field=models.OneToOneField(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="campaign",
                to="links.secretlink",
            ),
        ),
        migrations.AddField(
            model_name="kioskdevice",
            name="enrol_link",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="kiosk_device",
                to="links.secretlink",
            ),
        ),
        migrations.RunPython(campaign_links, migrations.RunPython.noop),
    ]
