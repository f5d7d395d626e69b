import datetime

from groups.models import Programme
from groups.services import run_create


def programme(name="Solmut auki"):
    return Programme.objects.get(name=name)


def make_run(*, unit, facilitators, name="Solmut auki, kevät", starts_on=None, **kwargs):
    """A run through the real service, so its sessions are generated as in the app."""
    return run_create(
        actor=facilitators[0],
        programme=kwargs.pop("programme", None) or programme(),
        unit=unit,
        name=name,
        starts_on=starts_on or datetime.date(2026, 9, 3),
        facilitators=facilitators,
        place=kwargs.pop("place", "Asemakatu 12, ryhmätila"),
        **kwargs,
    )
