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


# Cadences of meetings that keep a day of the month rather than a day of the week: a council
# meets "the second Tuesday of the month" (002:778-779) or four times a year (001:934).
MONTHLY = "monthly"
QUARTERLY = "quarterly"
MONTH_STEPS = {MONTHLY: 1, QUARTERLY: 3}


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The `n`th (0-based) `weekday` of the month; past the month's end, its last one."""
    day = date(year, month, 1)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    wanted = day + timedelta(weeks=n)
    while wanted.month != month:
        wanted -= timedelta(weeks=1)
    return wanted


def _by_month(first: date, months: int, count: int, off) -> list[date]:
    # The same weekday of the same week of the month as the first meeting. A meeting that
    # falls on a holiday moves a week later, on the same weekday (a month is not skipped).
    n = (first.day - 1) // 7
    dates = []
    for k in range(count):
        index = first.month - 1 + k * months
        day = nth_weekday(first.year + index // 12, index % 12 + 1, first.weekday(), n)
        if k == 0:
            day = first
        while day in off:
            day += timedelta(weeks=1)
        dates.append(day)
    return dates


def cadence_dates(
    *, first: date, cadence: str, count: int, weekdays: list[int] | None = None
) -> list[date]:
    """`count` working dates from `first` on, following the cadence, none on a holiday.

    A weekly meeting whose day falls on a holiday skips that week (it meets the next week);
    consecutive days skip the holiday and the weekend and go on the next working day; a
    monthly or quarterly meeting moves a week later.
    """
    years = range(first.year, first.year + 4 + count // 4)
    off = finnish_holidays(years)
    if cadence in MONTH_STEPS:
        return _by_month(first, MONTH_STEPS[cadence], count, off)
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
