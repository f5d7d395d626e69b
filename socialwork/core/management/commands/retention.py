from django.core.management.base import BaseCommand
from django.utils import translation

from socialwork.core.retention import record_classes, retention_run


class Command(BaseCommand):
    help = (
        "How long each class of record is kept, and what is due now; without --dry-run, "
        "removes or anonymises it (the nightly job does the same)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="count what is due; change nothing"
        )

    def handle(self, *args, dry_run: bool = False, **options):
        translation.activate("en")
        counts = retention_run(dry_run=dry_run)
        verb = "due" if dry_run else "done"
        for record_class in record_classes():
            if record_class.enforced:
                state = f"{counts.get(record_class.code, 0)} {verb}"
            else:
                state = "kept (not removed by the job)"
            self.stdout.write(
                f"{record_class.code:<24} {state:<32} {record_class.kept}; {record_class.action}"
            )
