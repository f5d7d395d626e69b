from types import SimpleNamespace

import pytest

from feedback import services
from feedback.models import Instrument, KioskDevice, WorkerCode
from tests.utils import visitor


@pytest.fixture
def card(db):
    return Instrument.objects.get(code="card")


@pytest.fixture
def survey(db):
    return Instrument.objects.get(code="survey")


def enrolled_kiosk(world, instrument, name="Aulan tabletti"):
    device = KioskDevice.objects.create(
        name=name, unit=world.unit, instrument=instrument, languages=["fi", "sv", "en"]
    )
    token = services.kiosk_enrol_link_new(device=device, actor=world.administrator)
    device, secret = services.kiosk_device_enrol(request=visitor(), token=token)
    return SimpleNamespace(device=device, secret=secret)


@pytest.fixture
def kiosk(world, card):
    return enrolled_kiosk(world, card)


@pytest.fixture
def colours(world):
    """Two workers of the unit hand out cards: blue and green."""
    return SimpleNamespace(
        blue=WorkerCode.objects.create(unit=world.unit, worker=world.counsellor, colour="blue"),
        green=WorkerCode.objects.create(
            unit=world.unit, worker=world.social_worker, colour="green"
        ),
    )


def release_slips() -> int:
    """What the hourly job does once enough slips wait: move them to the coordinator's list
    (with a batch of one, so that a test's single slip goes too)."""
    from django.test.utils import override_settings

    with override_settings(CONTACT_SLIP_BATCH=1):
        return services.contact_slips_release()
