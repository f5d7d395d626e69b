"""The facilitator's sessions: the calendar page and the iCal feed."""

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from groups.models import (
    CalendarFeed,
    GroupRun,
    Session,
)


def upcoming_sessions_for_user(user, *, days: int = 60) -> QuerySet[Session]:
    now = timezone.now()
    return (
        Session.objects.filter(
            run__facilitators=user,
            starts_at__gte=now - timedelta(hours=12),
            starts_at__lte=now + timedelta(days=days),
        )
        .select_related("run")
        .order_by("starts_at")
    )


def calendar_feed_sessions(user) -> QuerySet[Session]:
    """The sessions in a staff member's calendar feed: from three months back to a year
    ahead, cancelled ones included so that Outlook removes them."""
    now = timezone.now()
    return (
        Session.objects.filter(
            run__facilitators=user,
            starts_at__gte=now - timedelta(days=90),
            starts_at__lte=now + timedelta(days=365),
        )
        .exclude(run__status=GroupRun.Status.CANCELLED)
        .select_related("run")
        .order_by("starts_at")
    )


def calendar_feed_of(user) -> CalendarFeed | None:
    """The staff member's calendar address while it works (an administrator may revoke it:
    the page then offers a new one)."""
    feed = CalendarFeed.objects.select_related("link").filter(user=user).first()
    return feed if feed and feed.link.is_open() else None


def calendar_feed_for_link(link) -> CalendarFeed | None:
    return (
        CalendarFeed.objects.select_related("user", "link")
        .filter(link=link, user__is_active=True)
        .first()
    )
