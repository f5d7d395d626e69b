from django.db import migrations

from feedback.seed import install


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
