from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    # Built without locking the answers against new ones (a big table); the new index takes
    # the old one's place, so the lobby tablet's insert keeps the same number of indexes.
    atomic = False

    dependencies = [
        ("feedback", "0012_comments_read"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="response",
            index=models.Index(
                fields=["version", "submitted_hour"],
                include=["campaign"],
                name="feedback_resp_version_hour_c",
            ),
        ),
        RemoveIndexConcurrently(model_name="response", name="feedback_resp_version_hour"),
    ]
