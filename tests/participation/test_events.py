"""Participation events: planned by those who work with clients, a count of attendees
without names, what clients said routed to a unit or a council's topics, attendees who
want to take part further passed on with their consent, and the event's feedback."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from councils.models import Council, Topic
from feedback.models import Campaign, PendingContactSlip
from participation import services
from participation.models import Event, EventNote
from socialwork.core.schedules import HELSINKI

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 1, 10, tzinfo=HELSINKI)


@pytest.fixture(autouse=True)
def _now():
    """Every test here runs on its own "now" (a test may travel on from it): the dates
    below stay where they are, whatever day the suite runs."""
    with time_machine.travel(NOW, tick=False):
        yield


def afternoon(world, **extra):
    data = {
        "kind": "theme_afternoon",
        "title": "Teemailtapäivä: asuminen",
        "starts_on": date(2027, 3, 10),
    }
    return services.event_save(actor=world.counsellor, units=[world.unit], **(data | extra))


def test_a_counsellor_plans_a_theme_afternoon_and_is_its_organiser(world, login):
    with time_machine.travel(NOW, tick=False):
        browser = login(world.counsellor)
        response = browser.post(
            reverse("participation:event_new"),
            {
                "kind": "theme_afternoon",
                "title": "Teemailtapäivä: toimeentulo",
                "starts_on": "2027-03-10",
                "start_time": "13:00",
                "end_time": "15:00",
                "place": "Kirjaston auditorio",
                "programme": "1 h tietoa palveluista, 1 h keskustelua.",
                "units": [world.unit.pk],
                "informer": world.counsellor.pk,
                "chair": world.social_worker.pk,
            },
        )
    assert response.status_code == 302
    event = Event.objects.get()
    assert list(event.organisers.all()) == [world.counsellor]
    assert event.chair == world.social_worker
    page = browser.get(reverse("participation:event", args=[event.pk])).content.decode()
    assert "Kirjaston auditorio" in page and "13.00–15.00" in page


def test_an_event_for_another_units_or_ending_before_it_starts_is_refused(world, login):
    browser = login(world.counsellor)
    browser.cookies["django_language"] = "en"
    response = browser.post(
        reverse("participation:event_new"),
        {
            "kind": "theme_week",
            "title": "Päihdeviikko",
            "starts_on": "2027-03-10",
            "ends_on": "2027-03-01",
            "units": [world.other_unit.pk],
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The last day cannot be before the first." in page
    assert not Event.objects.exists()


def test_the_count_of_attendees_is_kept_without_names(world, login):
    event = afternoon(world)
    browser = login(world.counsellor)
    url = reverse("participation:event_action", args=[event.pk, "attendance"])
    assert browser.post(url, {"attendance": "23"}).status_code == 302
    event.refresh_from_db()
    assert event.attendance == 23
    browser.cookies["django_language"] = "en"
    bad = browser.post(url, {"attendance": "-4"})
    assert bad.status_code == 400
    event.refresh_from_db()
    assert event.attendance == 23


def test_an_idea_goes_to_a_councils_topics_and_feedback_to_a_unit(world, login):
    event = afternoon(world)
    council = Council.objects.create(
        name="Koivulan asiakasraati", responsible=world.counsellor, created_by=world.counsellor
    )
    council.units.add(world.unit)
    browser = login(world.counsellor)
    url = reverse("participation:event_action", args=[event.pk, "note"])
    browser.post(
        url, {"kind": "idea", "text": "Ajanvaraus myös tekstiviestillä.", "council": council.pk}
    )
    browser.post(url, {"kind": "feedback", "text": "Tilaisuus oli hyvä.", "unit": world.unit.pk})
    topic = Topic.objects.get(council=council)
    assert topic.title == "Ajanvaraus myös tekstiviestillä."
    assert topic.source == Topic.Source.EVENT
    notes = EventNote.objects.order_by("pk")
    assert notes[0].council_topic == topic and notes[1].unit == world.unit
    page = browser.get(reverse("participation:event", args=[event.pk])).content.decode()
    assert "Koivulan asiakasraati" in page
    # What names a person is refused.
    browser.post(url, {"kind": "idea", "text": "Soittakaa 040 123 4567"})
    assert EventNote.objects.count() == 2


def test_an_attendee_who_wants_to_join_is_passed_on_only_with_consent(world, login):
    event = afternoon(world)
    browser = login(world.counsellor)
    url = reverse("participation:event_action", args=[event.pk, "interested"])
    data = {"name": "Matti M.", "phone": "040 765 4321", "interest": "council"}
    assert browser.post(url, data).status_code == 400
    assert not PendingContactSlip.objects.exists()
    assert browser.post(url, data | {"consent": "on"}).status_code == 302
    slip = PendingContactSlip.objects.get()
    assert slip.name == "Matti M." and slip.interest == "council"
    assert slip.unit_id == world.unit.pk and event.title in slip.message


def test_the_events_feedback_is_a_feedback_card_round_of_its_own(world, login):
    event = afternoon(world)
    browser = login(world.counsellor)
    url = reverse("participation:event_action", args=[event.pk, "feedback"])
    browser.post(url)
    browser.post(url)
    campaign = Campaign.objects.get(scope=event.feedback_scope)
    assert campaign.instrument.code == "card" and (campaign.year, campaign.month) == (2027, 3)
    page = browser.get(reverse("participation:event", args=[event.pk])).content.decode()
    assert f"campaign={campaign.pk}" in page


def test_a_social_worker_of_the_unit_reads_the_event_but_only_its_organisers_record(world, login):
    event = afternoon(world)
    reader = login(world.social_worker)
    assert reader.get(reverse("participation:event", args=[event.pk])).status_code == 200
    url = reverse("participation:event_action", args=[event.pk, "attendance"])
    assert reader.post(url, {"attendance": "5"}).status_code == 403
    assert (
        login(world.other_counsellor)
        .get(reverse("participation:event", args=[event.pk]))
        .status_code
        == 404
    )
    assert (
        login(world.counsellor)
        .post(reverse("participation:event_action", args=[event.pk, "nonsense"]))
        .status_code
        == 404
    )


def test_the_event_list_query_count_is_flat(world, login, django_assert_max_num_queries):
    afternoon(world)
    browser = login(world.counsellor)
    url = reverse("participation:events")
    with django_assert_max_num_queries(60) as few:
        assert browser.get(url).status_code == 200
    for n in range(12):
        event = afternoon(world, title=f"Tapahtuma {n}")
        event.units.add(world.other_unit)
        EventNote.objects.create(event=event, text="Idea", created_by=world.counsellor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert browser.get(url).status_code == 200


def test_the_demo_has_a_years_events_with_attendees_notes_and_feedback(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    assert Event.objects.filter(kind="theme_afternoon").count() == 5
    assert Event.objects.filter(kind="theme_week").count() == 1
    assert EventNote.objects.count() >= 10
    scopes = [event.feedback_scope for event in Event.objects.all()]
    assert Campaign.objects.filter(scope__in=scopes).count() == 3
