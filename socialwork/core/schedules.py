"""Dates and times the way the offices keep them: meetings from a cadence, Finnish public
holidays, and wall-clock times in Europe/Helsinki.

A 10:00 meeting is at 10:00 local time on both sides of a daylight saving change (the UTC
offset moves, the wall-clock time does not). Groups' sessions, council meetings and the
experts' supervision all come from here; messaging's quiet hours and reminder times too.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from django.db import models
from django.utils.translation import gettext_lazy as _

HELSINKI = ZoneInfo("Europe/Helsinki")
# Safety stop for a cadence that never yields a day (no weekdays chosen, say).
MAX_DAYS_SCANNED = 3 * 366


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    TWICE_A_MONTH = "twice_a_month", _("Twice a month")
    CONSECUTIVE_DAYS = "consecutive_days", _("Consecutive days")
    SEVERAL_DAYS_A_WEEK = "several_days_a_week", _("Several days a week")


def finnish_holidays(years) -> holidays.HolidayBase:
    # Includes Midsummer Eve and Christmas Eve, which offices keep closed too.
    return holidays.Finland(years=years)


def cadence_dates(
    *, first: date, cadence: str, count: int, weekdays: list[int] | None = None
) -> list[date]:
    """`count` working dates from `first` on, following the cadence, none on a holiday.

    A weekly meeting whose day falls on a holiday skips that week (it meets the next week);
    consecutive days skip the holiday and the weekend and go on the next working day.
    """
    off = finnish_holidays(range(first.year, first.year + 4))
    dates: list[date] = []
    day = first
    if cadence in (Cadence.WEEKLY, Cadence.TWICE_A_MONTH):
        step = timedelta(weeks=1 if cadence == Cadence.WEEKLY else 2)
        while len(dates) < count and (day - first).days < MAX_DAYS_SCANNED:
            if day not in off:
                dates.append(day)
            day += step
        return dates
    if cadence == Cadence.CONSECUTIVE_DAYS:
        allowed = {0, 1, 2, 3, 4}
    else:
        allowed = set(weekdays or []) or {first.weekday()}
    while len(dates) < count and (day - first).days < MAX_DAYS_SCANNED:
        if day.weekday() in allowed and day not in off:
            dates.append(day)
        day += timedelta(days=1)
    return dates


def wall_clock(day: date, at: time) -> datetime:
    """`at` o'clock in Helsinki on `day`, whatever the UTC offset is then."""
    return datetime.combine(day, at, tzinfo=HELSINKI)


def local_date(moment: datetime) -> date:
    """The day it is in Helsinki at `moment`."""
    return moment.astimezone(HELSINKI).date()


def local_span(day: date, start: time, minutes: int) -> tuple[datetime, datetime]:
    starts = wall_clock(day, start)
    # Add the length in wall-clock terms and re-attach the zone, so that an evening
    # meeting across a change still ends at its local end time.
    ends = datetime.combine(day, start) + timedelta(minutes=minutes)
    return starts, ends.replace(tzinfo=HELSINKI)
