"""A print batch's file becomes a document (socialwork/documents), the one way every PDF is
made. A file already made moves as it is; a batch still being prepared gets a document
waiting to be made, which the resume job hands to a worker."""

import django.db.models.deletion
from django.db import migrations, models


def move(apps, schema_editor):
    LetterBatch = apps.get_model("messaging", "LetterBatch")
    Document = apps.get_model("documents", "Document")
    for batch in LetterBatch.objects.filter(status__in=["preparing", "ready"]):
        ready = batch.status == "ready" and batch.pdf is not None
        batch.document = Document.objects.create(
            kind="messaging.letters",
            object_id=str(batch.pk),
            status="ready" if ready else "waiting",
            file=batch.pdf if ready else None,
            size=len(batch.pdf) if ready else 0,
            requested_by_id=batch.created_by_id,
            requested_at=batch.created_at,
            finished_at=batch.created_at if ready else None,
        )
        batch.save(update_fields=["document"])


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0003_about_starts_at"),
        ("documents", "0001_documents"),
    ]

    operations = [
        migrations.AddField(
            model_name="letterbatch",
            name="document",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="letter_batch",
                to="documents.document",
            ),
        ),
        migrations.RunPython(move, migrations.RunPython.noop),
    ]
