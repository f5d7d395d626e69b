"""Fails when a translatable string is missing from locale/fi or locale/sv, is untranslated
or fuzzy there, or when a .mo file was not compiled from its current .po file."""

import shutil
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

LANGUAGES = ("fi", "sv")
DOMAINS = ("django", "djangojs")


class Command(BaseCommand):
    help = "Check that the fi and sv translations are complete and compiled."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Run makemessages and compilemessages instead of only checking.",
        )

    def handle(self, *args, update=False, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        if update:
            problems = self._check(locale_dir, locale_dir, update=True)
        else:
            # Work on a copy, so that a check (or a check killed half-way) never rewrites
            # the tracked .po files. makemessages writes a source file's strings to the first
            # locale path whose parent contains the file, so the copy sits beside locale/.
            copy = Path(settings.BASE_DIR) / ".translation-check"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(locale_dir, copy)
            saved = settings.LOCALE_PATHS
            settings.LOCALE_PATHS = [copy]
            try:
                problems = self._check(copy, locale_dir, update=False)
            finally:
                settings.LOCALE_PATHS = saved
                shutil.rmtree(copy, ignore_errors=True)
        if problems:
            raise CommandError(
                "Translations are incomplete:\n  "
                + "\n  ".join(problems)
                + "\nRun `manage.py check_translations --update`, translate, and run it again."
            )
        self.stdout.write(f"{len(LANGUAGES)} languages complete and compiled")

    def _check(self, work_dir: Path, original_dir: Path, *, update: bool) -> list[str]:
        problems: list[str] = []
        # makemessages rewrites the .po files from the source; what it adds is missing. It
        # also adopts any folder named locale/ it walks into, so the real one is skipped
        # while the copy is checked.
        skip_real = [] if update else ["locale"]
        call_command(
            "makemessages",
            locale=list(LANGUAGES),
            no_location=True,
            no_obsolete=True,
            ignore_patterns=[
                ".venv/*",
                ".local/*",
                ".translation-check/*",
                "staticfiles/*",
                "tests/*",
                "bench/*",
                *skip_real,
            ],
            verbosity=0,
        )
        for lang in LANGUAGES:
            for domain in DOMAINS:
                po_path = work_dir / lang / "LC_MESSAGES" / f"{domain}.po"
                if not po_path.exists():
                    continue
                catalogue = polib.pofile(str(po_path))
                for entry in catalogue:
                    if entry.obsolete:
                        continue
                    if not entry.translated():
                        problems.append(f"{lang}/{domain}: untranslated: {entry.msgid!r}")
                    elif entry.fuzzy:
                        problems.append(f"{lang}/{domain}: fuzzy: {entry.msgid!r}")
                original_po = original_dir / lang / "LC_MESSAGES" / f"{domain}.po"
                mo_path = original_po.with_suffix(".mo")
                if update:
                    catalogue.save_as_mofile(str(mo_path))
                    continue
                with tempfile.NamedTemporaryFile(suffix=".mo") as fresh:
                    polib.pofile(str(original_po)).save_as_mofile(fresh.name)
                    compiled = Path(fresh.name).read_bytes()
                if not mo_path.exists() or mo_path.read_bytes() != compiled:
                    problems.append(f"{lang}/{domain}: {mo_path.name} is not compiled from the .po")
        return problems
