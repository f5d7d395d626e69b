"""The tokens' old columns go, now that their links hold them (see 0005_secret_links). A migration
of its own: PostgreSQL does not alter a table with row changes of the same transaction
still to be checked."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("feedback", "0005_secret_links")]

    operations = [
        migrations.RemoveField(model_name="campaign", name="token"),
        migrations.RemoveField(model_name="kioskdevice", name="enrol_expires_at"),
        migrations.RemoveField(model_name="kioskdevice", name="enrol_token_hash"),
    ]
