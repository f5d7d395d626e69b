"""A staff member's sessions as an iCalendar feed, for Outlook and phone calendars.

The feed goes to calendar services outside the organisation, so it holds what a wall
calendar would: the group, the time, the place and the theme. Never a participant's name.
"""

from datetime import UTC, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from groups.models import Session


def calendar_ics(*, user, sessions: list[Session], base_url: str, host: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//socialwork//groups//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Group sessions – %(name)s") % {"name": user.get_full_name()})
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    # Ask subscribing calendars to check for changes every hour.
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    stamp = timezone.now().astimezone(UTC)
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at.astimezone(UTC))
        event.add("dtend", session.ends_at.astimezone(UTC))
        summary = session.run.name
        if session.theme:
            summary = f"{summary}: {session.theme}"
        if session.is_cancelled:
            summary = _("Cancelled: %(summary)s") % {"summary": summary}
            event.add("status", "CANCELLED")
        else:
            event.add("status", "CONFIRMED")
        event.add("summary", summary)
        place = session.place or session.run.place
        if place:
            event.add("location", place)
        event.add("url", base_url + reverse("groups:session_detail", args=[session.pk]))
        # Outlook needs a changing sequence to replace an event it already has.
        event.add("sequence", int(session.updated_at.timestamp()))
        event.add("last-modified", session.updated_at.astimezone(UTC))
        calendar.add_component(event)
    return calendar.to_ical()
