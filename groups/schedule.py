"""Session dates from a cadence, skipping Finnish public holidays, as aware datetimes in
Europe/Helsinki: a 10:00 session is at 10:00 local time on both sides of a daylight saving
change (the UTC offset moves, the wall-clock time does not)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

from groups.models import Cadence

HELSINKI = ZoneInfo("Europe/Helsinki")
# Safety stop for a cadence that never yields a day (no weekdays chosen, say).
MAX_DAYS_SCANNED = 3 * 366


def finnish_holidays(years) -> holidays.HolidayBase:
    # Includes Midsummer Eve and Christmas Eve, which offices keep closed too.
    return holidays.Finland(years=years)


def session_dates(
    *, first: date, cadence: str, count: int, weekdays: list[int] | None = None
) -> list[date]:
    """`count` working dates from `first` on, following the cadence, none on a holiday.

    A weekly group whose day falls on a holiday skips that week (the group meets the next
    week); consecutive days skip the holiday and the weekend and go on the next working day.
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


def local_span(day: date, start: time, minutes: int) -> tuple[datetime, datetime]:
    starts = datetime.combine(day, start, tzinfo=HELSINKI)
    # Add the length in wall-clock terms and re-attach the zone, so that an evening
    # session across a change still ends at its local end time.
    ends = datetime.combine(day, start) + timedelta(minutes=minutes)
    return starts, ends.replace(tzinfo=HELSINKI)
