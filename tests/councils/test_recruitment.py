"""Recruitment as the council's leaders do it: a contact slip from the survey becomes a
candidate with one click, the candidate is invited to the kick-off through the outbox, comes,
is interviewed (the record read by the leaders only, every reading audited) and accepted,
and is then a member. Each test sets its own "now"."""

from datetime import date, datetime, time

import pytest
import time_machine
from django.urls import reverse

from councils import services
from councils.models import Candidate, Interview, Membership, Topic
from feedback.models import ContactSlip
from socialwork.audit.models import AuditEvent
from socialwork.core.schedules import HELSINKI
from socialwork.messaging.models import Message
from tests.councils.test_services import make_council

NOW = datetime(2027, 2, 1, 9, tzinfo=HELSINKI)


def slip(world, **extra):
    return ContactSlip.objects.create(
        **{
            "name": "Tuula Mäkelä",
            "phone": "040 765 4321",
            "interest": ContactSlip.Interest.COUNCIL,
            "unit": world.unit,
            "received_on": date(2027, 1, 20),
            **extra,
        }
    )


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_contact_slip_becomes_a_member_through_the_kickoff_and_the_interview(world, login):
    council = make_council(world)
    waiting = slip(world)
    slip(world, name="Kalle Koski", interest=ContactSlip.Interest.EXPERT)
    client = login(world.counsellor)
    page = client.get(reverse("councils:detail", args=[council.pk]))
    # Only the slip of someone interested in a council is offered here.
    assert "Tuula Mäkelä" in page.text and "Kalle Koski" not in page.text

    response = client.post(
        reverse("councils:candidate_from_slip", args=[council.pk]), {"slip": str(waiting.pk)}
    )
    assert response.status_code == 302
    candidate = Candidate.objects.get(council=council)
    assert candidate.client.first_name == "Tuula" and candidate.client.last_name == "Mäkelä"
    assert candidate.client.phone.as_e164 == "+358407654321"
    assert candidate.stage == Candidate.Stage.INTERESTED
    # The leader finds the candidacy on the person's page too.
    person = client.get(reverse("people:client_detail", args=[candidate.client.pk])).text
    assert "Koivulan asiakasraati</a>: ehdokas, kiinnostunut" in person
    waiting.refresh_from_db()
    assert waiting.handled_by == world.counsellor
    # A second click on the same slip makes nobody twice.
    client.post(
        reverse("councils:candidate_from_slip", args=[council.pk]), {"slip": str(waiting.pk)}
    )
    assert Candidate.objects.count() == 1

    response = client.post(
        reverse("councils:kickoff_create", args=[council.pk]),
        {"day": "2027-02-16", "start": "14:00", "end": "15:30", "place": "Kahvio Kuusi"},
    )
    kickoff = council.kickoffs.get()
    assert response.url == reverse("councils:kickoff_detail", args=[kickoff.pk])
    client.post(reverse("councils:kickoff_invite", args=[kickoff.pk]), {"candidate": candidate.pk})
    client.post(reverse("councils:kickoff_invite", args=[kickoff.pk]), {"candidate": candidate.pk})
    invitation = Message.objects.get(purpose="councils.kickoff_invitation")
    assert invitation.client == candidate.client
    assert "tiistai 16.2.2027 klo 14.00, Kahvio Kuusi" in invitation.text
    # No consent to text messages yet: the message says why it did not go.
    assert invitation.status == Message.Status.CANCELLED
    candidate.refresh_from_db()
    assert candidate.stage == Candidate.Stage.INVITED and candidate.kickoff == kickoff

    # The event is held; the rest happens after it.
    with time_machine.travel(datetime(2027, 2, 16, 16, tzinfo=HELSINKI), tick=False):
        client = login(world.counsellor)  # a new working day, a new session
        client.post(
            reverse("councils:kickoff_detail", args=[kickoff.pk]),
            {"present": [candidate.pk], "forms_returned": "3"},
        )
        candidate.refresh_from_db()
        kickoff.refresh_from_db()
        assert candidate.stage == Candidate.Stage.ATTENDED and kickoff.forms_returned == 3

        response = client.post(
            reverse("councils:interview", args=[candidate.pk]),
            {
                "held_on": "2027-02-23",
                "interviewers": [world.counsellor.pk, world.social_worker.pk],
                "life_situation": "Asuu yksin, työtön kaksi vuotta.",
                "service_experience": "Ajanvaraus on ollut vaikeaa.",
                "topics": "Ajanvarauksen helppous\n- Aulan viihtyisyys\nTuulan velat ja ulosotto\n",
            },
        )
        assert response.status_code == 302
        candidate.refresh_from_db()
        assert candidate.stage == Candidate.Stage.INTERVIEWED
        moved = client.post(reverse("councils:interview_topics", args=[candidate.pk]), follow=True)
        client.post(reverse("councils:interview_topics", args=[candidate.pk]))
        topics = council.topics.filter(source=Topic.Source.INTERVIEW)
        # The backlog is read by everyone who follows the council: the line that names the
        # person stays in the interview for the leader to rewrite, and is said so.
        assert sorted(topics.values_list("title", flat=True)) == [
            "Ajanvarauksen helppous",
            "Aulan viihtyisyys",
        ]
        assert "1 aihe mainitsee henkilön" in moved.text

        client.post(
            reverse("councils:candidate_stage", args=[council.pk]),
            {"candidate": candidate.pk, "stage": "accepted"},
        )
        membership = Membership.objects.get(council=council, client=candidate.client)
        assert membership.status == Membership.Status.ACTIVE
        assert membership.starts_on == date(2027, 2, 16)
        assert "Tuula Mäkelä" in client.get(reverse("councils:detail", args=[council.pk])).text


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_interview_is_for_the_leaders_only_and_every_reading_is_audited(world, login):
    council = make_council(world)
    candidate = services.candidate_add(
        actor=world.counsellor, council=council, client=world.client, source="own_worker"
    )
    interview = services.interview_save(
        actor=world.counsellor,
        candidate=candidate,
        interviewers=[world.counsellor],
        held_on=date(2027, 1, 30),
        feasibility="Akuutti kriisi, palataan keväällä.",
    )
    url = reverse("councils:interview", args=[candidate.pk])
    leader = login(world.social_worker)
    assert "Akuutti kriisi" in leader.get(url).text
    assert "Akuutti kriisi" in leader.get(url).text
    views = AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW,
        object_type=Interview._meta.label_lower,
        object_id=str(interview.pk),
        actor=world.social_worker,
    )
    assert views.count() == 2
    # The supervisor follows the council, but the interview is not theirs to read: to them
    # it does not exist. A stranger is sent to log in.
    assert login(world.supervisor).get(url).status_code == 404
    assert login(world.management).get(url).status_code == 404
    anonymous = login(None)
    assert anonymous.get(url).status_code == 302


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_stage_that_does_not_follow_is_refused_with_a_message(world, login):
    council = make_council(world)
    candidate = services.candidate_add(
        actor=world.counsellor, council=council, client=world.client, source="ad"
    )
    services.candidate_set_stage(
        actor=world.counsellor, candidate=candidate, stage="not_now", note="Palataan syksyllä"
    )
    client = login(world.counsellor)
    response = client.post(
        reverse("councils:candidate_stage", args=[council.pk]),
        {"candidate": candidate.pk, "stage": "accepted"},
        follow=True,
    )
    assert "cannot move" in response.text or "ei voi siirtyä" in response.text
    candidate.refresh_from_db()
    assert candidate.stage == Candidate.Stage.NOT_NOW
    assert not Membership.objects.filter(council=council).exists()
    # "Not now" can be asked again later.
    services.candidate_set_stage(actor=world.counsellor, candidate=candidate, stage="interested")
    candidate.refresh_from_db()
    assert candidate.stage == Candidate.Stage.INTERESTED


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_members_feedback_round_opens_once_and_the_member_page_offers_the_anonymous_survey(
    world, login
):
    from councils.services import meeting_add, member_add, member_link_for
    from feedback.models import Campaign

    council = make_council(world)
    membership = member_add(actor=world.counsellor, council=council, client=world.client)
    meeting = meeting_add(
        actor=world.counsellor, council=council, day=date(2027, 2, 9), start=time(13), minutes=120
    )
    token = member_link_for(meeting=meeting, membership=membership).link.token
    member_page = reverse("council_member:page", args=[token])
    # No round open: nothing on the member page but the packet and the reply.
    assert 'href="/s/' not in login(None).get(member_page).text
    leader = login(world.counsellor)
    leader.post(reverse("councils:feedback_round", args=[council.pk]))
    leader.post(reverse("councils:feedback_round", args=[council.pk]))
    campaign = Campaign.objects.get()
    assert campaign.instrument.code == "council" and campaign.unit == world.unit
    survey = reverse("survey:start", args=[campaign.token])
    assert survey in login(None).get(member_page).text
    questions = login(None).get(survey).text
    assert "Ääneni tulee kuulluksi raadin tapaamisissa." in questions


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_council_leader_reads_the_council_slips_of_their_units_only(world, login):
    make_council(world)  # the counsellor leads it
    ours = slip(world)
    slip(world, name="Kalle Koski", interest=ContactSlip.Interest.EXPERT)
    slip(world, name="Rita Ranta", unit=world.other_unit)
    unsure = slip(world, name="Eino Esko", interest=ContactSlip.Interest.EITHER, unit=None)
    page = login(world.counsellor).get(reverse("feedback:contact_slips")).text
    assert ours.name in page and unsure.name in page
    assert "Kalle Koski" not in page and "Rita Ranta" not in page
    # Another unit's slip is not theirs to mark either.
    other = ContactSlip.objects.get(name="Rita Ranta")
    client = login(world.counsellor)
    response = client.post(reverse("feedback:contact_slip_handle", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.handled_at is None
    # A counsellor who leads no council does not read the slips at all.
    assert login(world.other_counsellor).get(reverse("feedback:contact_slips")).status_code == 403
    # The coordinator reads every slip.
    every = login(world.expert_coordinator).get(reverse("feedback:contact_slips")).text
    assert "Kalle Koski" in every and "Rita Ranta" in every


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_slip_of_another_unit_cannot_be_made_a_candidate_by_a_handmade_post(world, login):
    council = make_council(world)
    theirs = slip(world, name="Rita Ranta", unit=world.other_unit)
    response = login(world.counsellor).post(
        reverse("councils:candidate_from_slip", args=[council.pk]), {"slip": str(theirs.pk)}
    )
    assert response.status_code == 404
    assert not Candidate.objects.exists()
    theirs.refresh_from_db()
    assert theirs.handled_at is None
    assert (
        login(world.counsellor)
        .post(reverse("councils:candidate_from_slip", args=[council.pk]), {"slip": "ei-uuid"})
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_only_the_interested_and_those_who_missed_an_event_are_invited(world, login):
    from datetime import timedelta

    from tests.factories import ClientFactory

    with time_machine.travel(NOW, tick=False):
        council = make_council(world)

        def candidate(stage):
            person = ClientFactory(unit=world.unit)
            made = services.candidate_add(
                actor=world.counsellor, council=council, client=person, source="ad"
            )
            if stage != "interested":
                services.candidate_set_stage(actor=world.counsellor, candidate=made, stage=stage)
            return made

        def event(days):
            starts = NOW + timedelta(days=days)
            return services.kickoff_save(
                actor=world.counsellor,
                council=council,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                place="Kahvio",
            )

        missed, came, declined = (
            candidate("interested"),
            candidate("interested"),
            candidate("declined"),
        )
        first = event(7)
        client = login(world.counsellor)
        invite = reverse("councils:kickoff_invite", args=[first.pk])
        client.post(invite, {"candidate": [missed.pk, came.pk, declined.pk]})
        declined.refresh_from_db()
        assert declined.stage == Candidate.Stage.DECLINED and declined.kickoff is None
        # Attendance is marked once the event has begun, not before.
        early = client.post(
            reverse("councils:kickoff_detail", args=[first.pk]),
            {"present": [came.pk], "forms_returned": "1"},
        )
        assert early.status_code == 200
        came.refresh_from_db()
        assert came.stage == Candidate.Stage.INVITED
    with time_machine.travel(NOW + timedelta(days=7, hours=3), tick=False):
        client = login(world.counsellor)
        second = event(14)
        client.post(
            reverse("councils:kickoff_detail", args=[first.pk]),
            {"present": [came.pk], "forms_returned": "1"},
        )
        page = client.get(reverse("councils:kickoff_detail", args=[second.pk])).text
        assert f'value="{missed.pk}"' in page and f'value="{came.pk}"' not in page
        client.post(
            reverse("councils:kickoff_invite", args=[second.pk]),
            {"candidate": [missed.pk, came.pk]},
        )
        missed.refresh_from_db()
        came.refresh_from_db()
        assert missed.kickoff == second and missed.stage == Candidate.Stage.INVITED
        # Someone who came to the first event stays its attendee.
        assert came.kickoff == first and came.stage == Candidate.Stage.ATTENDED
        # A contact form handed in at the second event: the person is marked as there.
        added = client.post(
            reverse("councils:candidate_add", args=[council.pk]) + f"?kickoff={second.pk}",
            {
                "first_name": "Eila",
                "last_name": "Esko",
                "preferred_language": "fi",
                "reminder_channel": "letter",
                "unit": world.unit.pk,
                "source": "kickoff",
            },
        )
        assert added.url == reverse("councils:kickoff_detail", args=[second.pk])
        eila = Candidate.objects.get(client__first_name="Eila")
        assert eila.kickoff == second and eila.stage == Candidate.Stage.ATTENDED
