"""Keeping the dashboards' figures by month in step (the materialised views of migration
0009). A refresh reads everything again, in the background: CONCURRENTLY, so pages keep
reading the old figures meanwhile. A beat job runs it every few minutes; the dashboards
say how old their figures are."""

import datetime as dt

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

VIEWS = ("groups_attendance_month", "groups_evaluation_month", "groups_reminder_month")
REFRESHED_KEY = "groups:figures-refreshed"


def figures_refresh() -> dt.datetime:
    with connection.cursor() as cursor:
        for view in VIEWS:
            cursor.execute(f"REFRESH MATERIALIZED VIEW CONCURRENTLY {view}")
    moment = timezone.now()
    cache.set(REFRESHED_KEY, moment, None)
    return moment


def figures_refreshed_at() -> dt.datetime | None:
    return cache.get(REFRESHED_KEY)
