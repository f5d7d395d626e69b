"""The annual clock: planned items with a recurrence, matched with what the other apps
really did, marked done by hand, drawn as a circle with the same times listed by month,
exported as iCal and a poster, and owners reminded before each time."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from feedback.models import Campaign, Instrument
from participation import clock, services
from participation.models import ClockDone, ClockItem, Event
from socialwork.core.schedules import HELSINKI
from socialwork.messaging.models import Message

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 6, 15, 10, tzinfo=HELSINKI)


@pytest.fixture(autouse=True)
def _now():
    """Every test here runs on its own "now" (a test may travel on from it): the dates
    below stay where they are, whatever day the suite runs."""
    with time_machine.travel(NOW, tick=False):
        yield


def plan(world, **extra):
    data = {
        "title": "Teemailtapäivät",
        "kind": "theme_afternoon",
        "unit": world.unit,
        "owner": world.supervisor,
        "starts_on": date(2027, 2, 10),
        "rrule": services.recurrence(repeats="yearly", months=[2, 3, 4, 9, 10]),
        "remind_days_before": 14,
    }
    return services.clock_item_save(actor=world.supervisor, **(data | extra))


def test_a_supervisor_adds_a_recurring_item_from_the_form(world, login):
    with time_machine.travel(NOW, tick=False):
        browser = login(world.supervisor)
        response = browser.post(
            reverse("participation:clock_item_new"),
            {
                "title": "Teemailtapäivät",
                "kind": "theme_afternoon",
                "unit": world.unit.pk,
                "owner": world.counsellor.pk,
                "starts_on": "2027-02-10",
                "remind_days_before": "14",
                "repeats": "yearly",
                "months": ["2", "3", "4", "9", "10"],
            },
        )
    assert response.status_code == 302
    item = ClockItem.objects.get()
    assert item.rrule == "FREQ=YEARLY;BYMONTH=2,3,4,9,10"
    assert item.occurrences(date(2027, 1, 1), date(2027, 12, 31)) == [
        date(2027, m, 10) for m in (2, 3, 4, 9, 10)
    ]
    # Three in spring and two in autumn, every year.
    assert len(item.occurrences(date(2028, 1, 1), date(2028, 12, 31))) == 5


def test_bad_recurrence_input_is_refused_and_stores_nothing(world, login):
    browser = login(world.supervisor)
    browser.cookies["django_language"] = "en"
    response = browser.post(
        reverse("participation:clock_item_new"),
        {
            "title": "Kysely",
            "kind": "survey",
            "unit": world.other_unit.pk,
            "owner": world.supervisor.pk,
            "starts_on": "2027-02-10",
            "remind_days_before": "-3",
            "repeats": "weekly",
            "months": ["13"],
            "until": "2026-01-01",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert not ClockItem.objects.exists()


def test_a_planned_time_is_carried_out_by_an_event_of_its_month_or_marked_done(world, login):
    item = plan(world)
    with time_machine.travel(NOW, tick=False):
        services.event_save(
            actor=world.counsellor,
            units=[world.unit],
            kind="theme_afternoon",
            title="Teemailtapäivä: asuminen",
            starts_on=date(2027, 3, 17),
        )
        year = clock.clock_year(2027, {world.unit.pk})
        times = {t.day: t for t in year.times if t.item == item}
        assert times[date(2027, 3, 10)].carried_by.title == "Teemailtapäivä: asuminen"
        assert times[date(2027, 3, 10)].state == "done"
        assert times[date(2027, 2, 10)].state == "missed"
        assert times[date(2027, 9, 10)].state == "planned"
        browser = login(world.supervisor)
        browser.post(reverse("participation:clock_done", args=[item.pk]), {"day": "2027-02-10"})
        year = clock.clock_year(2027, {world.unit.pk})
    assert ClockDone.objects.get().day == date(2027, 2, 10)
    assert {t.day: t.state for t in year.times if t.item == item}[date(2027, 2, 10)] == "done"


def test_records_no_plan_foresaw_are_on_the_clock_too(world):
    instrument = Instrument.objects.get(code="survey")
    Campaign.objects.create(
        instrument=instrument, unit=world.unit, year=2027, month=11, channels=["paper"]
    )
    Event.objects.create(
        kind="network_day",
        title="Verkostopäivä",
        starts_on=date(2027, 1, 30),
        created_by=world.counsellor,
    ).units.add(world.unit)
    year = clock.clock_year(2027, {world.unit.pk})
    kinds = {(t.kind, t.day) for t in year.times}
    assert ("survey", date(2027, 11, 1)) in kinds
    assert ("network_day", date(2027, 1, 30)) in kinds
    # Another unit's year does not show them.
    assert not clock.clock_year(2027, {world.other_unit.pk}).times


def test_the_page_draws_the_circle_and_lists_the_same_times_by_month(world, login):
    plan(world)
    with time_machine.travel(NOW, tick=False):
        browser = login(world.supervisor)
        page = browser.get(reverse("participation:clock"), {"year": 2027}).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert page.count("Teemailtapäivät") >= 5
    assert '<title id="clock-title">' in page


def test_bad_choices_show_this_year(world, login):
    with time_machine.travel(NOW, tick=False):
        browser = login(world.supervisor)
        response = browser.get(reverse("participation:clock"), {"year": "abc", "unit": "x"})
    assert response.status_code == 200 and response.context["year"] == 2027


def test_the_year_is_an_ical_file(world, login):
    plan(world)
    with time_machine.travel(NOW, tick=False):
        browser = login(world.supervisor)
        response = browser.get(reverse("participation:clock_ics"), {"year": 2027})
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 5 and "DTSTART;VALUE=DATE:20270210" in body


def test_the_owner_is_reminded_the_set_days_before_each_time_once(world):
    world.supervisor.email = "esimies@example.fi"
    world.supervisor.save()
    plan(world)
    with time_machine.travel(datetime(2027, 8, 20, 9, tzinfo=HELSINKI), tick=False):
        assert services.clock_reminders_queue() == 0
    with time_machine.travel(datetime(2027, 8, 27, 9, tzinfo=HELSINKI), tick=False):
        services.clock_reminders_queue()
        services.clock_reminders_queue()
    sent = Message.objects.filter(purpose="participation.clock_reminder")
    assert sent.count() == 1
    assert sent.get().recipient == "esimies@example.fi" and "Teemailtapäivät" in sent.get().text


@pytest.mark.django_db(transaction=True)
def test_the_poster_is_a_pdf_with_the_months(world, login):
    from socialwork.documents.models import Document
    from tests.utils import pdf_text

    plan(world)
    with time_machine.travel(NOW, tick=False):
        browser = login(world.supervisor)
        response = browser.post(f"{reverse('participation:clock')}?year=2027")
        assert response.status_code == 302
    document = Document.objects.get(kind="participation.clock")
    assert document.is_ready
    pdf = browser.get(reverse("participation:clock_poster", args=[document.pk]))
    text = pdf_text(pdf.content)
    assert "Vuosikello 2027" in text and "Teemailtapäivät" in text and "Syyskuu" in text


def test_another_units_item_is_not_found_for_a_supervisor(world, login):
    item = services.clock_item_save(
        actor=world.management,
        title="Johdon raportointi",
        kind="reporting",
        unit=world.other_unit,
        owner=world.management,
        starts_on=date(2027, 1, 31),
        rrule="",
    )
    browser = login(world.supervisor)
    assert browser.get(reverse("participation:clock_item", args=[item.pk])).status_code == 404


def test_the_clock_query_count_does_not_grow_with_the_items(
    world, login, django_assert_max_num_queries
):
    plan(world)
    with time_machine.travel(NOW, tick=False):
        browser = login(world.supervisor)
        url = reverse("participation:clock")
        with django_assert_max_num_queries(80) as few:
            browser.get(url, {"year": 2027})
        for n in range(10):
            plan(world, title=f"Kohde {n}", starts_on=date(2027, 1, 1 + n))
            services.event_save(
                actor=world.counsellor,
                units=[world.unit],
                kind="other",
                title=f"Tapahtuma {n}",
                starts_on=date(2027, 5, 1 + n),
            )
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert browser.get(url, {"year": 2027}).status_code == 200


def test_the_demo_fills_the_annual_clock_with_planned_and_real_times(settings):
    from django.core.management import call_command
    from django.utils import timezone

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    assert ClockItem.objects.count() == 10
    year = clock.clock_year(timezone.localdate().year, None)
    states = {t.state for t in year.times}
    assert {"done", "planned", "record"} <= states or {"done", "missed", "record"} <= states
    # A theme afternoon of the demo's events carried out a planned one.
    assert any(t.carried_by and t.kind == "theme_afternoon" for t in year.times)


def test_a_calendar_program_reads_the_clock_at_a_secret_address_until_a_new_one_is_made(
    world, login, client
):
    plan(world)
    with time_machine.travel(NOW, tick=False):
        browser = login(world.supervisor)
        browser.post(reverse("participation:clock_feed_regenerate"))
        feed = world.supervisor.clock_feed
        address = reverse("participation:clock_feed", args=[feed.token])
        page = browser.get(reverse("participation:clock")).content.decode()
        assert address in page
        browser.logout()
        body = client.get(address).content.decode()
        assert body.count("BEGIN:VEVENT") == 10  # this year's five and next year's
        login(world.supervisor).post(reverse("participation:clock_feed_regenerate"))
        assert client.get(address).status_code == 404
        world.supervisor.clock_feed.refresh_from_db()
        new = reverse("participation:clock_feed", args=[world.supervisor.clock_feed.token])
        assert client.get(new).status_code == 200
        world.supervisor.is_active = False
        world.supervisor.save()
        assert client.get(new).status_code == 404
