"""Orders and bookings as the coordinator and the workers live them: matching, asking,
answering, never double booking (PostgreSQL's exclusion constraint, also under two
confirmations at once), the client's consent before a client meeting is confirmed,
cancellations and the messages they send. Each test sets its own "now"."""

import threading
from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import translation

from experts import notices, selectors, services
from experts.models import Booking, Expert, Order
from socialwork.core.schedules import HELSINKI
from socialwork.messaging.models import Message
from socialwork.people.models import Consent
from tests.experts.helpers import booked, on_roster, order


@pytest.fixture(autouse=True)
def _in_english():
    """The messages are asserted in English, their msgids; the app itself speaks Finnish."""
    with translation.override("en"):
        yield


NOW = datetime(2027, 3, 1, 9, tzinfo=HELSINKI)
TALK = datetime(2027, 3, 18, 12, tzinfo=HELSINKI)


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_app_suggests_experts_who_fit_and_are_free(world):
    debts = on_roster(world, "Pirjo Lehtonen", experience={"debt_counselling": "Ulosotto."})
    swedish = on_roster(
        world, "Bertil Sundström", languages=["sv"], experience={"debt_counselling": "Skulder."}
    )
    child = on_roster(world, "Sanna Koski", experience={"child_protection": "Sijoitus."})
    no_talks = on_roster(world, "Olli Nieminen", assignment_types=["working_group"])
    resting = on_roster(world, "Ritva Aho")
    services.expert_set_status(
        actor=world.expert_coordinator, expert=resting, status=Expert.Status.RESTING
    )
    wanted = order(world, TALK, areas=["debt_counselling"])
    names = [row["cv"].name for row in selectors.suggestions(wanted)]
    # Swedish-only, another area, no talks, resting: none of them is offered.
    assert names == ["Pirjo Lehtonen"]
    assert swedish and child and no_talks
    # Busy at that time: a confirmed booking that overlaps takes her off the list.
    booked(world, order(world, TALK + timedelta(hours=1)), debts)
    assert selectors.suggestions(wanted) == []
    # Any area: everyone active who takes talks in Finnish, fewest assignments first.
    open_order = order(world, TALK + timedelta(days=1))
    assert [row["cv"].name for row in selectors.suggestions(open_order)] == [
        "Sanna Koski",
        "Pirjo Lehtonen",
    ]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_request_goes_by_the_experts_channel_and_acceptance_confirms_to_both(world):
    expert = on_roster(world, "Pirjo Lehtonen")
    world.counsellor.email = "tuula.ohjaaja@kunta.example"
    world.counsellor.save()
    talk = order(world, TALK)
    [booking] = services.booking_ask(actor=world.expert_coordinator, order=talk, experts=[expert])
    expert.refresh_from_db()
    request = Message.objects.get(purpose=notices.REQUEST)
    assert request.channel == Message.Channel.SMS and request.status == Message.Status.QUEUED
    assert "{link}" in request.text and request.link == expert.page_link
    # Asking again asks nobody twice.
    assert services.booking_ask(actor=world.expert_coordinator, order=talk, experts=[expert]) == []

    booking, waiting = services.booking_answer(booking=booking, accept=True, how="own_page")
    assert (booking.status, waiting) == (Booking.Status.CONFIRMED, "")
    talk.refresh_from_db()
    assert talk.status == Order.Status.CONFIRMED
    to_expert = Message.objects.get(purpose=notices.CONFIRMED)
    to_orderer = Message.objects.get(purpose=notices.ORDER_CONFIRMED)
    assert to_expert.client == expert.client
    assert to_orderer.recipient == "tuula.ohjaaja@kunta.example"
    assert "Pirjo Lehtonen" in to_orderer.text and "18.3.2027" in to_orderer.text
    with pytest.raises(ValidationError):
        services.booking_answer(booking=booking, accept=False, how="own_page")


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_an_expert_is_never_booked_twice_at_one_time(world):
    expert = on_roster(world, "Pirjo Lehtonen")
    booked(world, order(world, TALK), expert)
    overlapping = order(world, TALK + timedelta(minutes=90))
    [booking] = services.booking_ask(
        actor=world.expert_coordinator, order=overlapping, experts=[expert]
    )
    booking, waiting = services.booking_answer(
        booking=booking, accept=True, how="phone", actor=world.expert_coordinator
    )
    # The acceptance is kept; the booking is not confirmed, and the coordinator is told why.
    assert booking.status == Booking.Status.ACCEPTED
    assert waiting == "The expert already has a confirmed booking at that time."
    with pytest.raises(ValidationError, match="already has a confirmed booking"):
        services.booking_confirm(booking=booking, actor=world.expert_coordinator)
    # Right after the first one ends is free ([start, end) ranges).
    after = booked(world, order(world, TALK + timedelta(hours=2)), expert)
    assert after.status == Booking.Status.CONFIRMED
    # Moving an order onto a confirmed one's time is refused too, and changes nothing.
    later = order(world, TALK + timedelta(days=1))
    booked(world, later, expert)
    with pytest.raises(ValidationError, match="already has a confirmed booking"):
        services.order_update(
            actor=world.counsellor,
            order=later,
            starts_at=TALK + timedelta(minutes=30),
            ends_at=TALK + timedelta(hours=1),
        )
    later.refresh_from_db()
    assert later.starts_at == TALK + timedelta(days=1)


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_the_same_moment_book_the_expert_once(world):
    """Both confirmations run at once, each in its own connection: the first holds its
    transaction open until the second is seen waiting on it, so neither could have seen the
    other's booking beforehand. PostgreSQL lets one through and refuses the other."""
    with time_machine.travel(NOW, tick=False):
        expert = on_roster(world, "Pirjo Lehtonen")
        accepted = []
        for start in (TALK, TALK + timedelta(minutes=30)):
            the_order = order(world, start)
            [booking] = services.booking_ask(
                actor=world.expert_coordinator, order=the_order, experts=[expert]
            )
            Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.ACCEPTED)
            accepted.append(booking)
    results = {}
    first_saved = threading.Event()

    def confirm(booking, hold: bool):
        try:
            # A thread starts in the default language; the message is asserted in English.
            with translation.override("en"), transaction.atomic():
                services.booking_confirm(booking=booking, actor=world.expert_coordinator)
                if hold:
                    first_saved.set()
                    _wait_until_someone_waits_for_a_lock()
            results[booking.pk] = "confirmed"
        except ValidationError as error:
            results[booking.pk] = " ".join(error.messages)
        except Exception as error:  # the assertion below shows what it was
            results[booking.pk] = repr(error)
        finally:
            first_saved.set()
            connection.close()  # this thread's own connection

    def second():
        first_saved.wait(10)
        confirm(accepted[1], hold=False)

    threads = [
        threading.Thread(target=confirm, args=(accepted[0], True)),
        threading.Thread(target=second),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results == {
        accepted[0].pk: "confirmed",
        accepted[1].pk: "The expert already has a confirmed booking at that time.",
    }
    assert Booking.objects.filter(expert=expert, status=Booking.Status.CONFIRMED).count() == 1


def _wait_until_someone_waits_for_a_lock(seconds: float = 10.0) -> None:
    import time

    # pg_locks is read live (pg_stat_activity would keep one snapshot per transaction).
    with connection.cursor() as cursor:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the second confirmation never waited for the first")


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_client_meeting_is_confirmed_only_with_the_clients_consent(world):
    expert = on_roster(world, "Pirjo Lehtonen", assignment_types=["client_meeting"])
    meeting = order(
        world,
        TALK,
        hours=1,
        assignment_type="client_meeting",
        client=world.client,
        goal="Rohkaista hakemaan velkaneuvontaan.",
    )
    [booking] = services.booking_ask(
        actor=world.expert_coordinator, order=meeting, experts=[expert]
    )
    booking, waiting = services.booking_answer(booking=booking, accept=True, how="own_page")
    assert booking.status == Booking.Status.ACCEPTED
    assert "consent" in waiting and "confidentiality" in waiting
    services.order_record_consent(actor=world.counsellor, order=meeting, how="in_person")
    meeting.refresh_from_db()
    consent = meeting.consent
    assert (consent.kind, consent.recorded_by, consent.given_at) == (
        Consent.Kind.EXPERT_PRESENCE,
        world.counsellor,
        NOW,
    )
    assert consent.client == world.client and "In person" in consent.details
    with pytest.raises(ValidationError, match="confidentiality"):
        services.booking_confirm(booking=booking, actor=world.expert_coordinator)
    services.order_update(
        actor=world.counsellor,
        order=meeting,
        agreement="Kokemusasiantuntija kertoo omasta kokemuksestaan; asiakkaan asioista ei puhuta "
        "tapaamisen ulkopuolella. Työntekijä vetää tapaamisen.",
    )
    booking = services.booking_confirm(booking=booking, actor=world.expert_coordinator)
    assert booking.status == Booking.Status.CONFIRMED
    # The client withdraws the consent: the order says so, nothing more is confirmed.
    from socialwork.people.services import consent_withdraw

    consent_withdraw(actor=world.counsellor, consent=consent)
    meeting.refresh_from_db()
    assert services.confirm_blockers(meeting) == [
        "The client's consent to the expert's presence is not recorded."
    ]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_late_cancellation_by_the_orderer_keeps_the_fee_and_tells_the_expert(world):
    expert = on_roster(world, "Pirjo Lehtonen")
    early = order(world, TALK)
    booked(world, early, expert)
    services.order_cancel(actor=world.counsellor, order=early, by="orderer", reason="Sairastui")
    early.refresh_from_db()
    booking = early.bookings.get()
    assert not early.late_cancellation and booking.fee_state == Booking.FeeState.NONE
    assert Message.objects.filter(purpose=notices.CANCELLED, client=expert.client).count() == 1

    late = order(world, NOW + timedelta(hours=30))
    booked(world, late, expert)
    services.order_cancel(actor=world.counsellor, order=late, by="orderer")
    late.refresh_from_db()
    assert late.late_cancellation and late.cancelled_by == "orderer"
    assert late.bookings.get().fee_state == Booking.FeeState.AGREED
    assert expert.bookings.filter(pk=late.bookings.get().pk).get().fee == 50
    with pytest.raises(ValidationError):
        services.order_cancel(actor=world.counsellor, order=late, by="orderer")


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_reminder_the_day_before_goes_to_a_confirmed_expert_only(world):
    from socialwork.messaging.services import reminders_queue

    expert = on_roster(world, "Pirjo Lehtonen")
    asked_only = on_roster(world, "Sanna Koski")
    talk = order(world, TALK, experts_needed=2)
    booked(world, talk, expert)
    services.booking_ask(actor=world.expert_coordinator, order=talk, experts=[asked_only])
    with time_machine.travel(TALK - timedelta(hours=20), tick=False):
        reminders_queue()
    reminders = Message.objects.filter(purpose=notices.REMINDER)
    assert [m.client for m in reminders] == [expert.client]
    assert "18.3.2027" in reminders[0].text


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_bad_orders_are_refused_with_a_message(world):
    with pytest.raises(ValidationError) as past:
        order(world, NOW - timedelta(days=1))
    assert "in the future" in str(past.value)
    with pytest.raises(ValidationError) as meeting:
        order(world, TALK, assignment_type="client_meeting")
    assert "client" in str(meeting.value)
    with pytest.raises(ValidationError):
        order(world, TALK, unit=None)
    assert Order.objects.count() == 0
    assert services.fee_warning(150) == "The fee 150 € is outside the usual 30–100 €. Check it."
    assert services.fee_warning(80) == ""


def test_the_exclusion_constraint_is_in_the_database(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conname = 'experts_booking_no_overlap'"
        )
        [definition] = cursor.fetchone()
    assert "EXCLUDE USING gist (expert_id WITH =, during WITH &&)" in definition
