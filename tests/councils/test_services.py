"""Councils: meetings from the cadence, the agenda, minutes that lock, and proposals from
sending to outcome with their deadline reminders. Each test sets its own "now"."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from councils import services
from councils.models import Council, MeetingRole, Minutes, Proposal, Topic
from socialwork.core.personal_details import personal_details_in
from socialwork.core.schedules import HELSINKI
from socialwork.messaging.models import Message


def make_council(world, **extra):
    data = {
        "name": "Koivulan asiakasraati",
        "cadence": Council.Cadence.MONTHLY,
        "first_meeting_on": date(2027, 1, 12),
        "start_time": time(13),
        "meeting_count": 4,
        "responsible": world.counsellor,
        **extra,
    }
    return services.council_create(
        actor=world.counsellor,
        units=[world.unit],
        leaders=[
            (world.counsellor, MeetingRole.CHAIR),
            (world.social_worker, MeetingRole.SECRETARY),
        ],
        **data,
    )


@pytest.mark.django_db
def test_a_monthly_council_gets_its_meetings_at_one_oclock_helsinki_time(world):
    council = make_council(world)
    starts = [m.starts_at.astimezone(HELSINKI) for m in council.meetings.all()]
    assert [s.date() for s in starts] == [
        date(2027, 1, 12),
        date(2027, 2, 9),
        date(2027, 3, 9),
        date(2027, 4, 13),
    ]
    assert {s.hour for s in starts} == {13}
    assert {m.chair_id for m in council.meetings.all()} == {world.counsellor.pk}
    assert {m.secretary_id for m in council.meetings.all()} == {world.social_worker.pk}
    more = services.meetings_plan_more(council=council, count=2)
    assert [m.starts_at.astimezone(HELSINKI).date() for m in more] == [
        date(2027, 5, 11),
        date(2027, 6, 8),
    ]


@pytest.mark.django_db
def test_a_developer_client_group_has_six_weekly_meetings_with_the_models_plan(world):
    council = make_council(
        world, kind=Council.Kind.DEVELOPER_CLIENT, cadence=Council.Cadence.WEEKLY
    )
    meetings = list(council.meetings.all())
    assert len(meetings) == 6
    assert "aarrekartan" in meetings[0].plan
    assert "SWOT" in meetings[1].plan
    assert "palautekyselyyn" in meetings[4].plan


@pytest.mark.django_db
def test_a_theme_from_management_stays_marked_on_the_agenda_and_two_main_topics_at_most(world):
    council = make_council(world)
    meeting = council.meetings.first()
    topic = services.topic_add(
        actor=world.counsellor, council=council, title="Aulan kehittäminen", source="management"
    )
    item = services.agenda_add(actor=world.counsellor, meeting=meeting, topic=topic, is_main=True)
    assert item.from_management and item.title == "Aulan kehittäminen"
    topic.refresh_from_db()
    assert topic.status == Topic.Status.ON_AGENDA
    services.agenda_add(actor=world.counsellor, meeting=meeting, title="Kela", is_main=True)
    with pytest.raises(ValidationError):
        services.agenda_add(actor=world.counsellor, meeting=meeting, title="Kolmas", is_main=True)
    # The leaders cannot unmark a theme that management drafted.
    services.agenda_update(
        actor=world.counsellor, item=item, is_main=True, guests="", from_management=False
    )
    item.refresh_from_db()
    assert item.from_management
    services.agenda_remove(actor=world.counsellor, item=item)
    topic.refresh_from_db()
    assert topic.status == Topic.Status.WAITING


@pytest.mark.django_db
def test_minutes_are_approved_at_a_later_meeting_then_locked_and_corrected_as_a_new_version(
    world,
):
    council = make_council(world)
    first, second = list(council.meetings.all())[:2]
    with time_machine.travel(date(2027, 1, 13), tick=False):
        draft = services.minutes_save(
            actor=world.social_worker,
            meeting=first,
            discussed="Asiakkaan kohtaaminen",
            decisions="Kootaan huoneentaulu",
            agreements=[{"what": "Luonnos", "owner": "Sanna", "due_on": date(2027, 2, 1)}],
        )
        with pytest.raises(ValidationError):  # the next meeting has not begun
            services.minutes_approve(actor=world.counsellor, minutes=draft, at_meeting=second)
    with time_machine.travel(date(2027, 2, 9), tick=False):
        with pytest.raises(ValidationError):  # not at the same meeting
            services.minutes_approve(actor=world.counsellor, minutes=draft, at_meeting=first)
        services.minutes_approve(actor=world.counsellor, minutes=draft, at_meeting=second)
        with pytest.raises(ValidationError):
            services.minutes_save(
                actor=world.counsellor, meeting=first, discussed="x", decisions="", agreements=[]
            )
        with pytest.raises(ValidationError):
            services.minutes_correct(actor=world.counsellor, minutes=draft, reason=" ")
        correction = services.minutes_correct(
            actor=world.counsellor, minutes=draft, reason="Päivämäärä väärin"
        )
        assert correction.version == 2 and correction.agreements.count() == 1
        services.minutes_approve(actor=world.counsellor, minutes=correction, at_meeting=second)
    statuses = dict(first.minutes.values_list("version", "status"))
    assert statuses == {1: Minutes.Status.SUPERSEDED, 2: Minutes.Status.APPROVED}


def test_minutes_warn_of_identity_codes_phone_numbers_and_addresses():
    assert personal_details_in("Sovittiin 131052-308T") == ["hetu"]
    assert personal_details_in("Soita 040 123 4567 tai maija@example.fi") == ["phone", "email"]
    # A date and a time in running text are not an identity code or a number.
    assert personal_details_in("Tapaaminen 12.03.2027 klo 13.00, 15 paikalla") == []
    assert personal_details_in("131052-308X") == []  # the check character is wrong


@pytest.mark.django_db
def test_a_proposal_goes_from_sent_to_outcome_with_reminders_on_a_moved_clock(world):
    world.counsellor.email = "sanna@example.fi"
    world.counsellor.save()
    world.management.email = "johtaja@example.fi"
    world.management.save()
    council = make_council(world)
    meeting = council.meetings.first()
    with time_machine.travel(datetime(2027, 1, 12, 15, tzinfo=HELSINKI), tick=False):
        proposal = services.proposal_create(
            actor=world.counsellor,
            council=council,
            meeting=meeting,
            title="Neuvonta ilman ajanvarausta",
            text="Ehdotamme ajanvaraukseton neuvonta joka tiistai.",
            recipient_kind=Proposal.Recipient.MANAGER,
            recipient_user=world.management,
        )
        assert proposal.deadline == date(2027, 2, 11)  # 30 days
        services.proposal_send(actor=world.counsellor, proposal=proposal)
        with pytest.raises(ValidationError):
            services.proposal_answer(actor=world.supervisor, proposal=proposal, text="Ei")
    # A week before the deadline, after 09:00 in Helsinki: both are reminded, once.
    week_before = datetime(2027, 2, 4, 10, tzinfo=HELSINKI)
    assert services.deadline_reminders_queue(now=week_before) == 2
    assert services.deadline_reminders_queue(now=week_before + timedelta(hours=1)) == 0
    on_the_day = datetime(2027, 2, 11, 9, 30, tzinfo=HELSINKI)
    assert services.deadline_reminders_queue(now=on_the_day) == 2
    reminders = Message.objects.filter(purpose__startswith="councils.proposal_deadline")
    assert sorted(reminders.values_list("recipient", flat=True)) == [
        "johtaja@example.fi",
        "johtaja@example.fi",
        "sanna@example.fi",
        "sanna@example.fi",
    ]
    assert all("Neuvonta ilman ajanvarausta" in m.text for m in reminders)
    with time_machine.travel(datetime(2027, 2, 12, 10, tzinfo=HELSINKI), tick=False):
        services.proposal_answer(
            actor=world.management, proposal=proposal, text="Kokeillaan keväällä."
        )
        with pytest.raises(ValidationError):
            services.proposal_answer(actor=world.management, proposal=proposal, text="Toinen")
        with pytest.raises(ValidationError):  # the outcome comes after the council hears it
            services.proposal_outcome(
                actor=world.counsellor, proposal=proposal, outcome="changed", reason=""
            )
    with time_machine.travel(datetime(2027, 3, 9, 15, tzinfo=HELSINKI), tick=False):
        march = council.meetings.all()[2]
        services.proposal_report(actor=world.counsellor, proposal=proposal, meeting=march)
        with pytest.raises(ValidationError):
            services.proposal_outcome(
                actor=world.counsellor, proposal=proposal, outcome="partly", reason=""
            )
        services.proposal_outcome(
            actor=world.counsellor,
            proposal=proposal,
            outcome="partly",
            reason="Tiistaisin, mutta vain Koivulassa.",
        )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.CLOSED and proposal.answered_via == "app"
    # Answered: no more reminders.
    assert services.deadline_reminders_queue(now=on_the_day + timedelta(hours=2)) == 0
