"""The councils' pages as their users meet them: the list stays flat as councils, members
and proposals grow, and a supervisor reads a council without its members' names."""

from datetime import date, datetime, time

import time_machine
from django.urls import reverse

from councils import services
from councils.models import Council, MeetingRole, Proposal
from feedback.models import ContactSlip
from socialwork.core.schedules import HELSINKI
from tests.factories import ClientFactory
from tests.utils import count_queries

NOW = datetime(2027, 3, 2, 10, tzinfo=HELSINKI)


def council(world, name):
    return services.council_create(
        actor=world.counsellor,
        units=[world.unit],
        leaders=[(world.counsellor, MeetingRole.CHAIR)],
        name=name,
        cadence=Council.Cadence.CUSTOM,
        start_time=time(13),
        responsible=world.counsellor,
    )


def grow(world, council_, members):
    for client in ClientFactory.create_batch(members, unit=world.unit):
        services.member_add(actor=world.counsellor, council=council_, client=client)
    proposal = services.proposal_create(
        actor=world.counsellor,
        council=council_,
        title="Aloite",
        text="...",
        recipient_kind=Proposal.Recipient.MANAGER,
        recipient_user=world.management,
    )
    services.proposal_send(actor=world.counsellor, proposal=proposal)


def test_the_council_list_takes_the_same_queries_however_many_councils(world, login):
    client = login(world.counsellor)
    grow(world, council(world, "Ensimmäinen raati"), 2)
    few = count_queries(client, reverse("councils:home"))
    for n in range(3):
        grow(world, council(world, f"Raati {n}"), 5)
    assert count_queries(client, reverse("councils:home")) == few
    page = client.get(reverse("councils:home")).content.decode()
    assert "Raati 2" in page


def test_management_sees_the_proposal_to_answer_and_the_supervisor_no_member_names(world, login):
    council_ = council(world, "Koivulan asiakasraati")
    services.member_add(actor=world.counsellor, council=council_, client=world.client)
    grow(world, council_, 0)
    listing = login(world.management).get(reverse("councils:home")).content.decode()
    assert "Vastaustasi odottavat aloitteet" in listing and "Aloite" in listing
    page = login(world.supervisor).get(reverse("councils:detail", args=[council_.pk]))
    assert page.status_code == 200
    assert world.client.last_name not in page.content.decode()
    leader = login(world.counsellor).get(reverse("councils:detail", args=[council_.pk]))
    assert world.client.last_name in leader.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_council_page_takes_the_same_queries_however_many_members_and_candidates(world, login):
    """The council's page lists members, candidates, meetings, topics and proposals: more of
    them cost no more queries (the audit rows of the names shown are one insert)."""
    council_ = council(world, "Koivulan asiakasraati")
    grow(world, council_, 2)

    def candidates(n):
        for person in ClientFactory.create_batch(n, unit=world.unit):
            services.candidate_add(
                actor=world.counsellor, council=council_, client=person, source="ad"
            )
        for number in range(n):
            ContactSlip.objects.create(
                name=f"Slip {number}",
                interest=ContactSlip.Interest.COUNCIL,
                unit=world.unit,
                received_on=date(2027, 3, 1),
            )
            services.kickoff_save(
                actor=world.counsellor,
                council=council_,
                starts_at=NOW,
                ends_at=NOW.replace(hour=12),
                place="Kahvio",
            )

    candidates(2)
    client = login(world.counsellor)
    url = reverse("councils:detail", args=[council_.pk])
    few = count_queries(client, url)
    grow(world, council_, 6)
    candidates(6)
    assert count_queries(client, url) == few
    page = client.get(url).content.decode()
    assert page.count('name="candidate"') == 8 and page.count('name="slip"') == 8


@time_machine.travel(NOW, tick=False)
def test_the_kickoff_page_takes_the_same_queries_however_many_are_invited(world, login):
    from datetime import timedelta

    from django.utils import timezone

    council_ = council(world, "Koivulan asiakasraati")
    starts = timezone.now() + timedelta(days=10)
    kickoff = services.kickoff_save(
        actor=world.counsellor,
        council=council_,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Kahvio",
    )

    def invite(n):
        people = [
            services.candidate_add(
                actor=world.counsellor, council=council_, client=person, source="ad"
            )
            for person in ClientFactory.create_batch(n, unit=world.unit)
        ]
        services.kickoff_invite(actor=world.counsellor, kickoff=kickoff, candidates=people)

    invite(2)
    client = login(world.counsellor)
    url = reverse("councils:kickoff_detail", args=[kickoff.pk])
    few = count_queries(client, url)
    invite(6)
    assert count_queries(client, url) == few
    assert client.get(url).content.decode().count('name="present"') == 8


@time_machine.travel(NOW, tick=False)
def test_the_meeting_page_takes_the_same_queries_however_many_members(world, login):
    """The meeting page lists the agenda, each member's packet delivery and reply, and the
    attendance: more members cost no more queries."""
    from datetime import timedelta

    from django.utils import timezone

    council_ = council(world, "Koivulan asiakasraati")
    meeting = services.meeting_add(
        actor=world.counsellor,
        council=council_,
        day=timezone.localdate() + timedelta(days=7),
        start=time(13),
        minutes=120,
    )

    def join(n):
        for person in ClientFactory.create_batch(n, unit=world.unit):
            membership = services.member_add(
                actor=world.counsellor, council=council_, client=person
            )
            delivery = services.member_link_for(meeting=meeting, membership=membership)
            services.member_reply(delivery=delivery, reply="coming")

    join(2)
    client = login(world.counsellor)
    url = reverse("councils:meeting_detail", args=[meeting.pk])
    few = count_queries(client, url)
    join(6)
    assert count_queries(client, url) == few
    assert "8 tulossa" in client.get(url).content.decode()
