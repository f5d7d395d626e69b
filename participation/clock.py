"""The annual clock's year: the planned items' times, each with the record of another app
that carried it out (or marked done by hand), and the records no plan foresaw; by month,
and drawn as a circle (the same times, the month list beside it is the accessible form)."""

import calendar
import datetime
import math
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from participation.models import ClockDone, ClockItem
from socialwork.core.yearly import KINDS, YearEntry, year_entries


@dataclass
class ClockTime:
    day: datetime.date
    kind: str
    title: str
    url: str = ""
    item: ClockItem | None = None  # a planned time; None: a record no plan foresaw
    carried_by: YearEntry | None = None
    done: ClockDone | None = None

    @property
    def happened(self) -> bool:
        return self.item is None or self.carried_by is not None or self.done is not None

    @property
    def state(self) -> str:
        if self.item is None:
            return "record"
        if self.happened:
            return "done"
        return "missed" if self.day < timezone.localdate() else "planned"


@dataclass
class ClockYear:
    year: int
    times: list[ClockTime] = field(default_factory=list)

    @property
    def months(self) -> list[tuple[datetime.date, list[ClockTime]]]:
        by_month = {month: [] for month in range(1, 13)}
        for time in self.times:
            by_month[time.day.month].append(time)
        return [(datetime.date(self.year, m, 1), by_month[m]) for m in range(1, 13)]

    @property
    def kinds(self) -> list[tuple[str, str]]:
        """The kinds present, in ring order, with their names."""
        present = {time.kind for time in self.times}
        return [(kind, str(ClockItem.Kind(kind).label)) for kind in KINDS if kind in present]


def planned_items(unit_ids: set[int] | None):
    items = ClockItem.objects.select_related("owner", "unit")
    if unit_ids is not None:
        items = items.filter(unit_id__in=unit_ids) | items.filter(unit__isnull=True)
    return items.order_by("starts_on", "title")


def clock_year(year: int, unit_ids: set[int] | None) -> ClockYear:
    """Every planned time of the year matched, in order, with an unused record of the same
    kind in the same month (and unit, when the plan names one)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    records = year_entries(year, unit_ids)
    # Each record's index by kind and month: a whole organisation's year has thousands.
    by_month: dict[tuple[str, int], list[int]] = {}
    for index, record in enumerate(records):
        by_month.setdefault((record.kind, record.day.month), []).append(index)
    used: set[int] = set()
    items = list(planned_items(unit_ids))
    done = {
        (mark.item_id, mark.day): mark
        for mark in ClockDone.objects.filter(item__in=items, day__range=(first, last))
    }
    times = []
    for item in items:
        for day in item.occurrences(first, last):
            time = ClockTime(day=day, kind=item.kind, title=item.title, item=item)
            for index in by_month.get((item.kind, day.month), ()):
                record = records[index]
                if index not in used and (
                    item.unit_id is None or record.unit_id in (None, item.unit_id)
                ):
                    used.add(index)
                    time.carried_by, time.url = record, record.url
                    break
            time.done = done.get((item.pk, day))
            times.append(time)
    times += [
        ClockTime(day=r.day, kind=r.kind, title=r.title, url=r.url)
        for index, r in enumerate(records)
        if index not in used
    ]
    times.sort(key=lambda t: (t.day, KINDS.index(t.kind), t.title))
    return ClockYear(year=year, times=times)


# --- The circle ------------------------------------------------------------------------------

SIZE, CENTRE, INNER, OUTER = 640, 320, 70, 280
# Kept the same as the key's colours in static/core/css/app.css.
COLOURS = {
    "survey": "#0b5394",
    "theme_afternoon": "#38761d",
    "theme_week": "#6aa84f",
    "network_day": "#45818e",
    "council": "#7f3f98",
    "course": "#b45f06",
    "supervision": "#a61c00",
    "sora": "#3d85c6",
    "reporting": "#444444",
    "other": "#741b47",
}


def _point(angle: float, radius: float) -> tuple[float, float]:
    return CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle)


def _angle(day: datetime.date) -> float:
    days = 366 if calendar.isleap(day.year) else 365
    # January starts at the top and the year goes clockwise.
    return 2 * math.pi * (day.timetuple().tm_yday - 1) / days - math.pi / 2


def clock_svg(year: ClockYear, title: str) -> str:
    """The year as a circle: months as sectors, each kind on its own ring, a time as a dot
    (filled: happened or a record; hollow: planned; crossed: planned and missed). One code
    for the page and the PDF poster."""
    kinds = [kind for kind, _name in year.kinds] or ["other"]
    ring = (OUTER - INNER) / len(kinds)
    radius = {kind: INNER + ring * (n + 0.5) for n, kind in enumerate(kinds)}
    happened = sum(1 for t in year.times if t.item is not None and t.happened)
    planned = sum(1 for t in year.times if t.item is not None)
    description = _(
        "%(count)s times on %(rings)s rings; %(happened)s of %(planned)s planned times "
        "happened. The same times are listed by month beside the circle."
    ) % {
        "count": len(year.times),
        "rings": len(kinds),
        "happened": happened,
        "planned": planned,
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" role="img" '
        f'aria-labelledby="clock-title clock-desc" class="annual-clock">',
        f'<title id="clock-title">{escape(title)}</title>',
        f'<desc id="clock-desc">{escape(description)}</desc>',
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{OUTER}" fill="#fff" stroke="#999"/>',
    ]
    for kind in kinds:
        parts.append(
            f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{radius[kind]:.1f}" fill="none" '
            f'stroke="{COLOURS[kind]}" stroke-opacity="0.25" stroke-width="{ring * 0.8:.1f}"/>'
        )
    for month in range(1, 13):
        start = _angle(datetime.date(year.year, month, 1))
        x1, y1 = _point(start, INNER)
        x2, y2 = _point(start, OUTER + 6)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#999"/>'
        )
        middle = start + math.pi / 12
        lx, ly = _point(middle, OUTER + 22)
        name = date_format(datetime.date(year.year, month, 1), "M")
        parts.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="middle" dominant-baseline="middle" '
            f'font-size="15" fill="#222">{escape(name)}</text>'
        )
    for time in year.times:
        x, y = _point(_angle(time.day), radius.get(time.kind, radius[kinds[-1]]))
        colour = COLOURS[time.kind]
        if time.state == "planned":
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#fff" stroke="{colour}" '
                f'stroke-width="2.5"/>'
            )
        elif time.state == "missed":
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#fff" stroke="{colour}" '
                f'stroke-width="2.5"/><path d="M{x - 4:.1f} {y - 4:.1f}l8 8m0 -8l-8 8" '
                f'stroke="{colour}" stroke-width="2"/>'
            )
        else:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colour}"/>')
    parts.append(
        f'<text x="{CENTRE}" y="{CENTRE}" text-anchor="middle" dominant-baseline="middle" '
        f'font-size="34" font-weight="bold" fill="#222">{year.year}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def clock_title(year: int, unit, *, whole: bool = True) -> str:
    """`whole`: the reader's year is the whole organisation's (else the units they lead)."""
    if unit is not None:
        return _("Annual clock %(year)s: %(unit)s") % {"year": year, "unit": unit.name}
    if whole:
        return _("Annual clock %(year)s: the whole organisation") % {"year": year}
    return _("Annual clock %(year)s: the units I lead") % {"year": year}


def clock_ics(year: ClockYear, *, title: str, base_url: str, host: str) -> bytes:
    """The year's times as all-day events: what a wall calendar would hold, never a
    client's name (the titles are plans, events, councils, courses and units)."""
    from icalendar import Calendar, Event

    calendar_ = Calendar()
    calendar_.add("prodid", "-//socialwork//annual clock//FI")
    calendar_.add("version", "2.0")
    calendar_.add("x-wr-calname", title)
    stamp = timezone.now()
    for n, time in enumerate(year.times):
        event = Event()
        key = f"item-{time.item.pk}" if time.item else f"record-{n}"
        event.add("uid", f"clock-{year.year}-{key}-{time.day:%Y%m%d}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", time.day)
        event.add("dtend", time.day + datetime.timedelta(days=1))
        kind = str(ClockItem.Kind(time.kind).label)
        event.add("summary", f"{kind}: {time.title}")
        if time.url:
            event.add("url", base_url + time.url)
        calendar_.add_component(event)
    return calendar_.to_ical()
