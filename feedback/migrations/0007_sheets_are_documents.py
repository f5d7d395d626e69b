"""A campaign's sheet becomes a document (socialwork/documents), the one way every PDF is
made, so that a sheet whose task was lost is made again. A sheet already made moves as it
is; one asked for and never made gets a document waiting to be made."""

import django.db.models.deletion
from django.db import migrations, models


def move(apps, schema_editor):
    Campaign = apps.get_model("feedback", "Campaign")
    Document = apps.get_model("documents", "Document")
    for campaign in Campaign.objects.exclude(sheet_pdf__isnull=True, sheet_requested_at=None):
        made = campaign.sheet_pdf is not None
        campaign.sheet = Document.objects.create(
            kind="feedback.campaign_sheet",
            object_id=str(campaign.pk),
            status="ready" if made else "waiting",
            file=campaign.sheet_pdf,
            size=len(campaign.sheet_pdf) if made else 0,
            requested_at=campaign.sheet_requested_at or campaign.created_at,
            finished_at=campaign.sheet_requested_at if made else None,
        )
        campaign.save(update_fields=["sheet"])


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0006_secret_links_only"),
        ("documents", "0001_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="campaign",
            name="sheet",
            field=models.OneToOneField(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="campaign",
                to="documents.document",
            ),
        ),
        migrations.RunPython(move, migrations.RunPython.noop),
    ]
