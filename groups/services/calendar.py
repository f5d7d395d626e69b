"""The facilitator's calendar address."""

from django.db import transaction

from groups.models import (
    CalendarFeed,
)
from groups.purposes import CALENDAR_FEED
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.links.services import link_issue, link_revoke
from socialwork.people.models import User


@transaction.atomic
def calendar_feed_for(user: User) -> CalendarFeed:
    """The staff member's calendar address, made the first time it is asked for."""
    feed = CalendarFeed.objects.select_for_update().select_related("link").filter(user=user)
    return feed.first() or CalendarFeed.objects.create(
        user=user, link=link_issue(purpose=CALENDAR_FEED.name, created_by=user)
    )


@transaction.atomic
def calendar_feed_regenerate(*, user: User) -> CalendarFeed:
    """A new secret address; the old one stops working at once (for a lost phone or an
    address shared by mistake)."""
    feed = calendar_feed_for(user)
    old = feed.link
    feed.link = link_issue(purpose=CALENDAR_FEED.name, created_by=user)
    feed.save(update_fields=["link"])
    link_revoke(link=old)
    audit_record(actor=user, action=AuditEvent.Action.CHANGE, obj=feed, changed_fields=["token"])
    return feed
