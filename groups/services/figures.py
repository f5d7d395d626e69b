"""Keeping the dashboards' figures by month in step (the materialised views of migrations
0009 and 0010). A refresh reads everything again, in the background: CONCURRENTLY, so pages
keep reading the old figures meanwhile. A beat job runs it every few minutes; the
dashboards say how old their figures are."""

import datetime as dt

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

REFRESHED_KEY = "groups:figures-refreshed"


def figures_refresh() -> dt.datetime:
    # The owner's function (migration 0010): the application's role may not refresh a view
    # it does not own.
    with connection.cursor() as cursor:
        cursor.execute("SELECT groups_figures_refresh()")
    moment = timezone.now()
    cache.set(REFRESHED_KEY, moment, None)
    return moment


def figures_refreshed_at() -> dt.datetime | None:
    return cache.get(REFRESHED_KEY)
