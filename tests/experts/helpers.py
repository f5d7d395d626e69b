"""Experts on the roster and orders for them, as the tests of the experts app need them."""

from datetime import timedelta

from experts import services
from experts.models import Expert
from socialwork.people.models import Consent
from socialwork.people.services import consent_record
from tests.factories import ClientFactory


def on_roster(world, name, *, employment=Expert.Employment.FEE, **cv):
    """An active expert with a published CV, reachable by text message."""
    coordinator = world.expert_coordinator
    person = ClientFactory(
        unit=world.unit,
        first_name=name.split()[0],
        last_name=name.split()[-1],
        reminder_channel="sms",
    )
    consent_record(actor=coordinator, client=person, kind=Consent.Kind.SMS)
    expert = services.expert_create(
        actor=coordinator,
        client=person,
        status=Expert.Status.ACTIVE,
        employment=employment,
        payroll_reference=f"T{person.pk:05d}",
    )
    cv_data = {
        "name": name,
        "languages": ["fi"],
        "assignment_types": [],
        "experience": {"debt_counselling": "Velkajärjestely."},
        **cv,
    }
    made = services.cv_save(actor=coordinator, expert=expert, **cv_data)
    services.cv_approve(actor=coordinator, cv=made, how="in_person")
    services.cv_publish(actor=coordinator, cv=made)
    return expert


def order(world, starts_at, *, hours=2, actor=None, **data):
    actor = actor or world.counsellor
    fields = {
        "assignment_type": "talk",
        "place": "Koivulan sosiaaliasema, Asemakatu 12",
        "topic": "Miltä sosiaalityö näyttää asiakkaan silmin",
        "unit": world.unit,
        "fee_offered": 50,
        "cost_centre": "4410",
        **data,
    }
    return services.order_create(
        actor=actor, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours), **fields
    )


def booked(world, the_order, expert):
    """Asked, accepted by phone and confirmed."""
    [booking] = services.booking_ask(
        actor=world.expert_coordinator, order=the_order, experts=[expert]
    )
    booking, _waiting = services.booking_answer(
        booking=booking, accept=True, how="phone", actor=world.expert_coordinator
    )
    return booking
