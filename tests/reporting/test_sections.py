"""The dashboards' other sections, each read from its own app: reminders and attendance,
feedback, councils and experts. Each test sets its own "now"."""

import datetime as dt
import uuid

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from groups.models import Attendance, Enrolment, Session
from groups.notices import REMINDER
from groups.services import figures_refresh
from reporting import selectors
from socialwork.core.schedules import HELSINKI
from socialwork.messaging.models import Message
from tests.factories.groups import EnrolmentFactory, make_run
from tests.factories.people import ClientFactory, UnitFactory
from tests.utils import count_queries

NOW = dt.datetime(2027, 6, 15, 10, tzinfo=HELSINKI)


def figures(section) -> dict:
    return {metric.key: metric for metric in section.metrics}


def scope(unit_ids=None, months=6):
    return selectors.Scope(year=2027, months=months, unit_ids=unit_ids)


def reminder(session: Session, client, status=Message.Status.DELIVERED, reason=""):
    return Message.objects.create(
        channel=Message.Channel.SMS,
        client=client,
        recipient="+358401234567",
        text="Muistutus",
        purpose=REMINDER,
        content_type=ContentType.objects.get_for_model(Session),
        object_id=str(session.pk),
        idempotency_key=str(uuid.uuid4()),
        status=status,
        reason=reason,
    )


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_attendance_of_the_reminded_against_the_not_reminded_and_before_and_after(world):
    # Weekly: the first session in February, the second in March (before and after are
    # told apart by the month).
    run = make_run(unit=world.unit, facilitators=[world.counsellor], starts_on=dt.date(2027, 2, 22))
    people = [
        EnrolmentFactory(run=run, client=ClientFactory(unit=world.unit), status="started")
        for _ in range(10)
    ]
    first, second = list(run.sessions.order_by("starts_at"))[:2]
    # The first session had no reminders yet: 3 of 10 came.
    for n, enrolment in enumerate(people):
        Attendance.objects.create(
            session=first, enrolment=enrolment, status="present" if n < 3 else "absent"
        )
    # For the second, five were reminded (four came) and five not (one came); one text to
    # another participant never reached their phone.
    for n, enrolment in enumerate(people):
        if n < 5:
            reminder(second, enrolment.client)
        present = n < 4 or n == 9
        Attendance.objects.create(
            session=second, enrolment=enrolment, status="present" if present else "absent"
        )
    reminder(second, people[7].client, Message.Status.FAILED, Message.Reason.UNDELIVERED)
    # Read from the figures by month, as the beat job leaves them: before, nothing shows.
    assert (
        figures(selectors.reminders_section(scope([world.unit.pk])))["reminders:sent"].now.number
        == 0
    )
    figures_refresh()
    shown = figures(selectors.reminders_section(scope([world.unit.pk])))
    assert shown["reminded:yes"].now.text == "80 %"
    assert shown["reminded:no"].now.text == "27 %"  # 4 of 15: the first session's 10 too
    assert shown["reminders:sent"].now.number == 5
    # One text that did not arrive is one person: hidden, and so is the total it is in.
    assert shown["reminders:failed:undelivered"].now.hidden
    [comparison] = selectors.reminders_section(scope([world.unit.pk])).comparisons
    assert (comparison.first.text, comparison.second.text) == ("30 %", "50 %")


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_council_proposals_answers_the_median_wait_and_the_overdue(world):
    from councils.models import Council, Proposal

    council = Council.objects.create(name="Koivulan asiakasraati", responsible=world.counsellor)
    council.units.add(world.unit)
    elsewhere = Council.objects.create(name="Rantakylän raati", responsible=world.counsellor)
    elsewhere.units.add(world.other_unit)

    def proposal(council, sent, answered=None, deadline=None, outcome=""):
        return Proposal.objects.create(
            council=council,
            title="Aloite",
            text="Odotustilaan lisää tuoleja.",
            recipient_kind=Proposal.Recipient.MANAGER,
            responsible=world.counsellor,
            recipient_user=world.management,
            status=Proposal.Status.CLOSED if answered else Proposal.Status.SENT,
            sent_at=dt.datetime(2027, *sent, 12, tzinfo=HELSINKI),
            answered_on=dt.date(2027, *answered) if answered else None,
            deadline=dt.date(2027, *deadline) if deadline else None,
            outcome=outcome,
        )

    proposal(council, (2, 1), answered=(2, 11), outcome=Proposal.Outcome.CHANGED)
    proposal(council, (3, 1), answered=(3, 31), outcome=Proposal.Outcome.NOT_CHANGED)
    proposal(council, (4, 1), answered=(4, 21), outcome=Proposal.Outcome.PARTLY)
    proposal(council, (5, 2), deadline=(6, 1))
    proposal(council, (6, 1), deadline=(7, 1))
    proposal(elsewhere, (3, 3))
    section = selectors.councils_section(scope([world.unit.pk]))
    shown = figures(section)
    assert shown["sent:proposal"].now.number == 5
    assert shown["answered"].now.number == 3
    assert shown["outcome:changed"].now.number == 1
    assert shown["median_days"].now.number == 20
    assert shown["median_days"].months_now[2].number == 30
    [today] = section.comparisons
    assert (today.first.number, today.second.number) == (2, 1)
    assert figures(selectors.councils_section(scope(None)))["sent:proposal"].now.number == 6


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_experts_orders_bookings_and_fees_by_who_pays(world):
    from experts import services
    from tests.experts.helpers import booked, on_roster, order

    with time_machine.travel(dt.datetime(2027, 4, 1, 9, tzinfo=HELSINKI), tick=False):
        pirjo = on_roster(world, "Pirjo Lehtonen")
        talk = order(world, dt.datetime(2027, 5, 10, 12, tzinfo=HELSINKI))
        booking = booked(world, talk, pirjo)
        order(world, dt.datetime(2027, 7, 10, 12, tzinfo=HELSINKI))
    services.fee_set(actor=world.expert_coordinator, booking=booking, amount="80")
    shown = figures(selectors.experts_section(scope([world.unit.pk])))
    assert shown["orders:talk"].now.number == 1  # July is after the months so far
    assert shown["bookings"].now.number == 1
    assert shown["fees"].now.text == "80,00 €"
    assert shown["fees:unit"].now.text == "80,00 €"
    assert "fees:outside" not in shown  # a unit's view has no outside orderers
    other = figures(selectors.experts_section(scope([world.other_unit.pk])))
    # Assignment types nobody ordered in either year are left out; the states stay.
    assert "orders:talk" not in other and other["orders:status:done"].now.number == 0


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_feedback_cards_and_the_survey_year_on_year(world, settings):
    from feedback.models import Instrument
    from tests.feedback.test_results import give

    settings.SOCIALWORK_RESULTS_DELAY_HOURS = 0
    card = Instrument.objects.get(code="card")
    third = UnitFactory(name="Kolmas toimipiste")
    for value in (3, 3, 3, 3, 2, 1):
        give(card, unit=world.unit, answers={"q1": value})
    for value in (3, 2, 2, 2, 1):
        give(card, unit=world.other_unit, answers={"q1": value})
    give(card, unit=third, answers={"q1": 3})
    shown = figures(selectors.feedback_section(scope([world.unit.pk])))
    assert shown["cards"].now.number == 6
    good = next(m for key, m in shown.items() if key.startswith("card:") and key.endswith(":3"))
    assert good.now.text == "67 %"
    assert figures(selectors.feedback_section(scope(None)))["cards"].now.number == 12
    # The third unit's single card is hidden, and with it the other unit's five: else
    # 12 - 6 - 5 would give it back.
    assert figures(selectors.feedback_section(scope([third.pk])))["cards"].now.hidden
    assert figures(selectors.feedback_section(scope([world.other_unit.pk])))["cards"].now.hidden


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("section", ["reminders", "feedback", "councils", "experts"])
def test_every_section_opens_for_both_readers_with_flat_queries(world, login, section):
    url = reverse("reporting:dashboard", kwargs={"section": section})
    for persona in ("supervisor", "management"):
        client = login(world.persona(persona))
        few = count_queries(client, url, year=2027)
        run = make_run(unit=world.unit, facilitators=[world.counsellor])
        for _ in range(6):
            EnrolmentFactory(
                run=run, client=ClientFactory(unit=world.unit), status=Enrolment.Status.COMPLETED
            )
        assert count_queries(client, url, year=2027) == few, persona
    assert login(world.counsellor).get(url).status_code == 403


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_experts_figures_open_the_supervisors_order_list(world, login):
    from tests.experts.helpers import booked, on_roster, order

    with time_machine.travel(dt.datetime(2027, 4, 1, 9, tzinfo=HELSINKI), tick=False):
        pirjo = on_roster(world, "Pirjo Lehtonen")
        booked(world, order(world, dt.datetime(2027, 5, 10, 12, tzinfo=HELSINKI)), pirjo)
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, tzinfo=HELSINKI), tick=False):
        order(world, dt.datetime(2026, 5, 10, 12, tzinfo=HELSINKI))  # the year before
    scope = selectors.scope_for(world.supervisor, year=2027, unit=None, programme_id=None)
    shown = figures(selectors.experts_section(scope))
    client = login(world.supervisor)
    for key in ("orders:talk", "orders:status:confirmed"):
        page = client.get(shown[key].link)
        assert len(page.context["orders"]) == shown[key].now.number == 1, key
    assert "Vuoden 2027 tilaisuudet" in page.text
    # Management has no order list to open: its figures link nowhere.
    whole = selectors.scope_for(world.management, year=2027, unit=None, programme_id=None)
    assert not figures(selectors.experts_section(whole))["orders:talk"].link
