import factory
from django.utils import timezone

from feedback.models import Campaign, ContactSlip, Instrument, KioskDevice, WorkerCode
from socialwork.links.services import link_issue
from tests.factories.people import UnitFactory, UserFactory


def instrument(code: str = "card") -> Instrument:
    """The instruments are installed after every migrate (feedback.seed)."""
    return Instrument.objects.get(code=code)


class WorkerCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkerCode

    unit = factory.SubFactory(UnitFactory)
    worker = factory.SubFactory(UserFactory)
    colour = factory.Iterator([c for c, _label in WorkerCode.Colour.choices])


class CampaignFactory(factory.django.DjangoModelFactory):
    """This month's satisfaction survey in one unit, on every channel, with its web link."""

    class Meta:
        model = Campaign

    instrument = factory.LazyFunction(lambda: instrument("survey"))
    unit = factory.SubFactory(UnitFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    month = factory.LazyFunction(lambda: timezone.localdate().month)
    channels = factory.LazyFunction(lambda: ["kiosk", "web", "paper"])
    link = factory.LazyFunction(lambda: link_issue(purpose="survey"))


class KioskDeviceFactory(factory.django.DjangoModelFactory):
    """A lobby tablet, not registered yet (feedback.services.kiosk_enrol_link_new)."""

    class Meta:
        model = KioskDevice

    name = factory.Sequence(lambda n: f"Aulan tabletti {n}")
    unit = factory.SubFactory(UnitFactory)
    instrument = factory.LazyFunction(instrument)
    languages = factory.LazyFunction(lambda: ["fi", "sv", "en"])


class ContactSlipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactSlip

    name = factory.Faker("name", locale="fi_FI")
    phone = "040 123 4567"
    interest = ContactSlip.Interest.COUNCIL
    unit = factory.SubFactory(UnitFactory)
    received_on = factory.LazyFunction(timezone.localdate)
