"""The pages without an account: the outside recipient's answer page (works once, expires,
a wrong token is a dead end and guessing is stopped) and the reminder the day before, which
carries the member's own page. Each test sets its own "now"."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse

from councils import services
from councils.models import Proposal
from socialwork.core.schedules import HELSINKI
from socialwork.messaging import kinds
from tests.councils.test_services import make_council

SENT = datetime(2027, 1, 13, 10, tzinfo=HELSINKI)


def outside_proposal(world):
    council = make_council(world)
    proposal = services.proposal_create(
        actor=world.counsellor,
        council=council,
        title="Kannanotto aukioloaikoihin",
        text="Raati toivoo iltavastaanottoa.",
        recipient_kind=Proposal.Recipient.DECISION_MAKER,
        recipient_name="Sosiaali- ja terveyslautakunta",
        recipient_email="lautakunta@example.fi",
    )
    services.proposal_send(actor=world.counsellor, proposal=proposal)
    proposal.refresh_from_db()
    return proposal, reverse("council_answer:page", args=[proposal.answer_link.token])


@pytest.mark.django_db
def test_the_outside_answer_link_takes_one_answer_and_then_closes(world, client):
    with time_machine.travel(SENT, tick=False):
        proposal, url = outside_proposal(world)
    with time_machine.travel(SENT + timedelta(days=10), tick=False):
        page = client.get(url)
        assert page.status_code == 200 and "Raati toivoo iltavastaanottoa." in page.text
        # An empty answer is refused with a message, and the link still works.
        refused = client.post(url, {"answer": "", "by_name": "Lautakunta"})
        assert refused.status_code == 200
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.SENT
        done = client.post(
            url, {"answer": "Iltavastaanottoa kokeillaan.", "by_name": "Pj. Maija Virta"}
        )
        assert done.status_code == 200
        proposal.refresh_from_db()
        assert proposal.status == Proposal.Status.ANSWERED
        assert (proposal.answer, proposal.answered_by_name) == (
            "Iltavastaanottoa kokeillaan.",
            "Pj. Maija Virta",
        )
        assert proposal.answered_on == date(2027, 1, 23) and proposal.answered_via == "link"
        # Once: the same link neither shows the form nor takes a second answer.
        assert client.get(url).status_code == 404
        client.post(url, {"answer": "Toinen vastaus", "by_name": "Joku"})
        proposal.refresh_from_db()
        assert proposal.answer == "Iltavastaanottoa kokeillaan."


@pytest.mark.django_db
def test_the_outside_answer_link_expires_a_month_after_the_deadline(world, client):
    with time_machine.travel(SENT, tick=False):
        proposal, url = outside_proposal(world)
    last_day = proposal.deadline + timedelta(days=30)
    with time_machine.travel(datetime.combine(last_day, time(12), tzinfo=HELSINKI), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(
        datetime.combine(last_day + timedelta(days=2), time(12), tzinfo=HELSINKI), tick=False
    ):
        assert client.get(url).status_code == 404
        client.post(url, {"answer": "Myöhässä", "by_name": "Lautakunta"})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SENT


@pytest.mark.django_db
def test_wrong_tokens_lead_nowhere_and_guessing_is_stopped(world, client):
    with time_machine.travel(SENT, tick=False):
        proposal, url = outside_proposal(world)
        token = proposal.answer_link.token
        wrong = reverse("council_answer:page", args=["x" * len(token)])
        assert client.get(wrong).status_code == 404
        for _guess in range(15):
            client.get(wrong)
        # This address has guessed too often: even the right token waits.
        blocked = client.get(url)
        assert blocked.status_code == 429
        assert "Raati toivoo" not in blocked.text
    with time_machine.travel(SENT + timedelta(hours=2), tick=False):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_reminder_the_day_before_goes_to_members_with_their_page(world):
    council = make_council(world)
    membership = services.member_add(actor=world.counsellor, council=council, client=world.client)
    meeting = council.meetings.first()  # 12.1.2027 at 13
    with time_machine.travel(datetime(2027, 1, 5, 9, tzinfo=HELSINKI), tick=False):
        delivery = services.member_link_for(meeting=meeting, membership=membership)
    [source] = [s for s in kinds.reminder_sources() if s.name == "councils.meeting"]
    start = datetime(2027, 1, 12, 0, tzinfo=HELSINKI)
    with time_machine.travel(datetime(2027, 1, 11, 10, tzinfo=HELSINKI), tick=False):
        with transaction.atomic():
            [reminder] = source.upcoming(start, start + timedelta(days=1))
        assert reminder.client == world.client and reminder.link == delivery.link
        values = reminder.context("fi")
        assert (values["weekday"], values["date"], values["time"]) == (
            "tiistai",
            "12.1.2027",
            "13.00",
        )
        # Someone who said they cannot come is not reminded.
        services.member_reply(delivery=delivery, reply="not_coming")
        with transaction.atomic():
            assert list(source.upcoming(start, start + timedelta(days=1))) == []
