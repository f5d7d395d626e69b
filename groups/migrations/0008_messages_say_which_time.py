"""Messages about sessions say which start time they told (messaging's about_starts_at), so
that the reminder scan no longer reads it out of their idempotency keys. The keys written
so far carry it third: groups.session-<pk>-<unix time>-..."""

import datetime
import re

from django.db import migrations

KEY = re.compile(r"^groups\.session-(\d+)-(\d+)-")


def fill(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Message = apps.get_model("messaging", "Message")
    session_type = ContentType.objects.filter(app_label="groups", model="session").first()
    if session_type is None:
        return
    messages = Message.objects.filter(content_type=session_type, about_starts_at__isnull=True)
    changed = []
    for message in messages.only("pk", "idempotency_key").iterator():
        match = KEY.match(message.idempotency_key)
        if match:
            message.about_starts_at = datetime.datetime.fromtimestamp(
                int(match[2]), tz=datetime.UTC
            )
            changed.append(message)
    Message.objects.bulk_update(changed, ["about_starts_at"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0007_secret_links_only"),
        ("messaging", "0003_about_starts_at"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
