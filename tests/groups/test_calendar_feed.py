"""The counsellor's sessions as an iCal feed at a secret address, read as Outlook reads it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from groups import services
from groups.models import CalendarFeed, Session
from groups.services import enrolment_add
from tests.factories.groups import make_run


def feed(client, token):
    response = client.get(reverse("groups:calendar_feed", args=[token]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


# The feed reaches three months back: "now" is pinned inside that window of these dates.
@pytest.mark.time_machine(datetime.datetime(2026, 10, 1, 12, tzinfo=datetime.UTC))
def test_the_feed_holds_my_sessions_at_the_right_time_across_daylight_saving(world, client):
    # Solmut auki meets weekly at 12:00 Helsinki time; from 15 October, across the end of
    # summer time on 25 October.
    run = make_run(
        unit=world.unit,
        facilitators=[world.counsellor],
        name="Solmut auki, talvi",
        starts_on=datetime.date(2026, 10, 15),
        session_count=4,
    )
    world.client.first_name, world.client.last_name = "Eevertti", "Osallistujainen"
    world.client.save()
    enrolment_add(actor=world.counsellor, run=run, client=world.client)
    make_run(unit=world.other_unit, facilitators=[world.other_counsellor], name="Muiden ryhmä")
    token = services.calendar_feed_for(world.counsellor).token
    events = feed(client, token).walk("VEVENT")
    starts = sorted(e.decoded("dtstart").astimezone(datetime.UTC) for e in events)
    utc = datetime.UTC
    # 12:00 in summer time is 09:00 UTC; after the change it is 10:00 UTC.
    assert starts == [
        datetime.datetime(2026, 10, 15, 9, 0, tzinfo=utc),
        datetime.datetime(2026, 10, 22, 9, 0, tzinfo=utc),
        datetime.datetime(2026, 10, 29, 10, 0, tzinfo=utc),
        datetime.datetime(2026, 11, 5, 10, 0, tzinfo=utc),
    ]
    assert {str(e.get("summary")) for e in events} == {"Solmut auki, talvi"}
    body = client.get(reverse("groups:calendar_feed", args=[token])).content.decode()
    # Outlook is outside the organisation: no participant's name goes there.
    assert "Eevertti" not in body and "Osallistujainen" not in body


def test_a_cancelled_or_changed_session_updates_the_subscribed_calendar(world, client):
    run = make_run(unit=world.unit, facilitators=[world.counsellor])
    session = run.sessions.order_by("starts_at").first()
    token = services.calendar_feed_for(world.counsellor).token
    # As if the calendar had last fetched the feed an hour ago.
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Session.objects.filter(pk=session.pk).update(updated_at=hour_ago)
    before = {str(e["uid"]): e for e in feed(client, token).walk("VEVENT")}
    services.session_cancel(actor=world.counsellor, session=session, reason="Sairastuminen")
    after = {str(e["uid"]): e for e in feed(client, token).walk("VEVENT")}
    uid = next(uid for uid in after if uid.startswith(f"session-{session.pk}@"))
    assert str(after[uid]["status"]) == "CANCELLED"
    assert int(after[uid]["sequence"]) > int(before[uid]["sequence"])
    assert after[uid]["last-modified"].dt > before[uid]["last-modified"].dt


def test_a_new_address_ends_the_old_one(world, client, login):
    old = services.calendar_feed_for(world.counsellor).token
    staff = login(world.counsellor)
    staff.cookies["django_language"] = "en"
    response = staff.post(reverse("groups:calendar_feed_regenerate"), follow=True)
    assert "The old one no longer works." in response.content.decode()
    new = CalendarFeed.objects.get(user=world.counsellor).token
    assert new != old
    client.logout()
    assert client.get(reverse("groups:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("groups:calendar_feed", args=[new])).status_code == 200


def test_the_calendar_page_offers_the_address_once_asked(world, login):
    client = login(world.counsellor)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("groups:calendar")).content.decode()
    assert "Create my calendar address" in page and ".ics" not in page
    client.post(reverse("groups:calendar_feed_regenerate"))
    token = CalendarFeed.objects.get(user=world.counsellor).token
    page = client.get(reverse("groups:calendar")).content.decode()
    assert f"/groups/calendar/{token}.ics" in page


def test_a_deactivated_account_has_no_feed(world, client):
    token = services.calendar_feed_for(world.counsellor).token
    world.counsellor.is_active = False
    world.counsellor.save()
    assert client.get(reverse("groups:calendar_feed", args=[token])).status_code == 404


def test_old_addresses_polled_from_a_calendar_service_do_not_stop_the_new_ones(world, client):
    """A calendar service fetches many people's addresses from one address of its own, and
    keeps asking for an address its owner has replaced. That is not guessing."""
    old = services.calendar_feed_for(world.counsellor).token
    new = services.calendar_feed_regenerate(user=world.counsellor).token
    fetcher = "40.96.0.1"
    for _poll in range(50):
        gone = client.get(reverse("groups:calendar_feed", args=[old]), REMOTE_ADDR=fetcher)
        assert gone.status_code == 404
    fresh = client.get(reverse("groups:calendar_feed", args=[new]), REMOTE_ADDR=fetcher)
    assert fresh.status_code == 200 and b"BEGIN:VCALENDAR" in fresh.content


def test_a_revoked_address_is_not_offered_and_a_new_one_can_be_made(world, login):
    from socialwork.links.services import link_revoke

    feed = services.calendar_feed_for(world.counsellor)
    link_revoke(link=feed.link, actor=world.administrator)
    client = login(world.counsellor)
    page = client.get(reverse("groups:calendar")).content.decode()
    assert feed.link.token not in page
    client.post(reverse("groups:calendar_feed_regenerate"))
    fresh = services.calendar_feed_for(world.counsellor)
    assert fresh.link.is_open() and fresh.token in client.get(reverse("groups:calendar")).text
