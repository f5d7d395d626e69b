from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Each app with demo data has a demo.py with seed(); later apps add themselves here, after
# the apps whose data they build on.
DEMO_MODULES = [
    "socialwork.people.demo",
    "groups.demo",
    "feedback.demo",
    "councils.demo",
    "experts.demo",
    "participation.demo",
    "reporting.demo",
]


class Command(BaseCommand):
    help = "Create the demo municipality (idempotent). Refuses to run in production."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never on real data)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo data is for development; DEBUG is off. Use --force to insist.")
        for path in DEMO_MODULES:
            import_module(path).seed()
            self.stdout.write(f"demo data: {path.removesuffix('.demo')} ready")
