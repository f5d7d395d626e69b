"""The campaign's own sheet columns go, now that its document holds the file (0007)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("feedback", "0007_sheets_are_documents")]

    operations = [
        migrations.RemoveField(model_name="campaign", name="sheet_pdf"),
        migrations.RemoveField(model_name="campaign", name="sheet_requested_at"),
    ]
