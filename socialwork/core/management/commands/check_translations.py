"""Fails when a translatable string is missing from locale/fi or locale/sv, is untranslated
or fuzzy there, or when a .mo file was not compiled from its current .po file."""

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
        po_files = {
            (lang, domain): locale_dir / lang / "LC_MESSAGES" / f"{domain}.po"
            for lang in LANGUAGES
            for domain in DOMAINS
            if (locale_dir / lang / "LC_MESSAGES" / f"{domain}.po").exists() or domain == "django"
        }
        before = {
            key: path.read_bytes() if path.exists() else b"" for key, path in po_files.items()
        }
        problems: list[str] = []
        try:
            # makemessages rewrites the .po files from the source; what it adds is missing.
            call_command(
                "makemessages",
                locale=list(LANGUAGES),
                no_location=True,
                no_obsolete=True,
                ignore_patterns=[".venv/*", ".local/*", "staticfiles/*", "tests/*", "bench/*"],
                verbosity=0,
            )
            for (lang, domain), path in po_files.items():
                catalogue = polib.pofile(str(path))
                for entry in catalogue:
                    if entry.obsolete:
                        continue
                    if not entry.translated():
                        problems.append(f"{lang}/{domain}: untranslated: {entry.msgid!r}")
                    elif entry.fuzzy:
                        problems.append(f"{lang}/{domain}: fuzzy: {entry.msgid!r}")
                if update:
                    catalogue.save_as_mofile(str(path.with_suffix(".mo")))
                    continue
                mo_path = path.with_suffix(".mo")
                with tempfile.NamedTemporaryFile(suffix=".mo") as fresh:
                    polib.pofile(before[(lang, domain)].decode() or "").save_as_mofile(fresh.name)
                    compiled = Path(fresh.name).read_bytes()
                if not mo_path.exists() or mo_path.read_bytes() != compiled:
                    problems.append(
                        f"{lang}/{domain}: {mo_path.name} is not compiled from {path.name}"
                    )
        finally:
            if not update:
                for key, path in po_files.items():
                    if before[key]:
                        path.write_bytes(before[key])
        if problems:
            raise CommandError(
                "Translations are incomplete:\n  "
                + "\n  ".join(problems)
                + "\nRun `manage.py check_translations --update`, translate, and run it again."
            )
        self.stdout.write(f"{len(po_files)} catalogues complete and compiled")
