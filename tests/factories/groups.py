import datetime
from importlib import import_module

from django.utils import timezone

from groups.models import Programme
from groups.services import run_create


def ensure_programmes() -> None:
    """The programme templates come from a data migration. Tests that run against a live
    server empty the database afterwards, templates included, so put them back."""
    if Programme.objects.exists():
        return
    from django.apps import apps as django_apps

    migration = import_module("groups.migrations.0002_programmes_and_default_questions")
    migration.forward(django_apps, None)


def programme(name="Solmut auki"):
    ensure_programmes()
    return Programme.objects.get(name=name)


def make_run(*, unit, facilitators, name="Solmut auki, kevät", starts_on=None, **kwargs):
    """A run through the real service, so its sessions are generated as in the app. It
    starts twelve weeks before today unless told otherwise: some sessions held, some ahead,
    on whatever day the suite runs."""
    return run_create(
        actor=facilitators[0],
        programme=kwargs.pop("programme", None) or programme(),
        unit=unit,
        name=name,
        starts_on=starts_on or timezone.localdate() - datetime.timedelta(weeks=12),
        facilitators=facilitators,
        place=kwargs.pop("place", "Asemakatu 12, ryhmätila"),
        **kwargs,
    )
