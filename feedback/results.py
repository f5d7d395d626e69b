"""Results of anonymous feedback, with every figure protected by the one rule for figures
from answers (socialwork.core.disclosure).

The answers are counted in SQL per *base cell*: unit x worker colour x month x campaign. A
month is the sum of its campaign and non-campaign answers; answers without a colour or
outside a campaign are parts like any other.

The rule is applied per question, per section and for the answer count, since each rests on
its own number of answers; a section also hides wherever one of its questions is hidden, or
its mean would give the question away. Years are never added up, so each year is a lattice
of its own.
"""

import datetime as dt
from collections import Counter, defaultdict

from django.conf import settings
from django.db import connection
from django.utils import timezone

from feedback.models import TEXT_SCALES, Item, Scale
from socialwork.core.disclosure import (
    ALL,
    Figure,
    Shown,
    aggregate,
    min_respondents,
    suppress_many,
)

DIMENSIONS = ("unit", "code", "month", "campaign")
RATED_SCALES = (Scale.FACES3, Scale.FACES5, Scale.AGREE5)
OVERALL = "__answers__"


# --- Reading the answers -------------------------------------------------------------------

_MONTH_SQL = """COALESCE(make_date(c.year, c.month, 1),
    date_trunc('month', r.submitted_hour AT TIME ZONE %(tz)s)::date)"""

_ITEM_SQL = f"""
SELECT i.fingerprint, a.value, r.unit_id, r.worker_code_id, {_MONTH_SQL} AS month,
       r.campaign_id, count(*)
FROM feedback_answer a
JOIN feedback_item i ON i.id = a.item_id
JOIN feedback_instrumentversion v ON v.id = i.version_id
JOIN feedback_response r ON r.id = a.response_id
LEFT JOIN feedback_campaign c ON c.id = r.campaign_id
WHERE v.instrument_id = %(instrument)s AND i.fingerprint = ANY (%(fingerprints)s)
  AND a.value IS NOT NULL
  AND r.submitted_hour < %(fresh)s
  AND ((r.campaign_id IS NULL AND r.submitted_hour >= %(start)s AND r.submitted_hour < %(end)s)
       OR c.year = ANY (%(years)s))
GROUP BY 1, 2, 3, 4, 5, 6
"""

# Respondents per section (over its rated questions) and over every question but the
# background ones, written questions too: a person counts once however many questions they
# answered. Someone who only wrote a comment is counted, so their comment is shown only where
# the count may be. Background questions are left out so that the count is the same figure
# in a unit's view and in a worker's, where background questions are never shown.
# (Two instruments may share a question word for word, so the instrument is always named.)
_SECTION_SQL = f"""
SELECT GROUPING(i.section), i.section, r.unit_id, r.worker_code_id, {_MONTH_SQL} AS month,
       r.campaign_id,
       count(DISTINCT r.id) FILTER (WHERE i.scale = ANY (%(rated)s) AND a.value IS NOT NULL),
       count(DISTINCT r.id) FILTER (WHERE i.section <> 'background'),
       sum(a.value) FILTER (WHERE i.scale = ANY (%(rated)s)),
       count(a.value) FILTER (WHERE i.scale = ANY (%(rated)s))
FROM feedback_answer a
JOIN feedback_item i ON i.id = a.item_id
JOIN feedback_instrumentversion v ON v.id = i.version_id
JOIN feedback_response r ON r.id = a.response_id
LEFT JOIN feedback_campaign c ON c.id = r.campaign_id
WHERE v.instrument_id = %(instrument)s AND i.fingerprint = ANY (%(fingerprints)s)
  AND r.submitted_hour < %(fresh)s
  AND ((r.campaign_id IS NULL AND r.submitted_hour >= %(start)s AND r.submitted_hour < %(end)s)
       OR c.year = ANY (%(years)s))
GROUP BY GROUPING SETS ((i.section, 3, 4, 5, 6), (3, 4, 5, 6))
"""


def _span(years: list[int]) -> tuple[dt.datetime, dt.datetime]:
    """The years asked, in Helsinki time. One rule for every view: an answer in a campaign
    belongs to the campaign's year and month, whenever it was typed in; any other answer to
    the month it was given in. (Reading a window around the years instead made a paper
    form typed in late count in one view and not in another.)"""
    tz = timezone.get_default_timezone()
    return dt.datetime(min(years), 1, 1, tzinfo=tz), dt.datetime(max(years) + 1, 1, 1, tzinfo=tz)


def fresh_before(now: dt.datetime | None = None) -> dt.datetime:
    """Figures count only answers at least RESULTS_DELAY_HOURS old (every answer of an
    hour: answers are kept by the hour): someone who taps in answers at the tablet, or types
    in paper forms, cannot watch a figure move with their own answers and subtract them to
    find the ones already there. With no delay, every answer counts."""
    delay = settings.SOCIALWORK_RESULTS_DELAY_HOURS
    if delay <= 0:
        return dt.datetime.max.replace(tzinfo=dt.UTC)
    moment = (now or timezone.now()) - dt.timedelta(hours=delay)
    return moment.replace(minute=0, second=0, microsecond=0)


def base_figures(
    instrument_id: int, items: list[Item], years: list[int], *, fresh: dt.datetime | None = None
) -> dict:
    """{year: {metric: {(unit, code, month, campaign): Figure}}}, metric being an item
    fingerprint, "section:<code>" or OVERALL, counting answers from before `fresh` (by
    default the delay before now). Two queries, whatever the number of answers."""
    start, end = _span(years)
    params = {
        "instrument": instrument_id,
        "fingerprints": [item.fingerprint for item in items],
        "rated": list(RATED_SCALES),
        "start": start,
        "end": end,
        "years": list(years),
        "fresh": fresh or fresh_before(),
        "tz": settings.TIME_ZONE,
    }
    result: dict[int, dict[str, dict]] = defaultdict(lambda: defaultdict(dict))
    with connection.cursor() as cursor:
        cursor.execute(_ITEM_SQL, params)
        for fingerprint, value, unit, code, month, campaign, count in cursor.fetchall():
            if month.year not in years:
                continue
            key = (unit, code, month.month, campaign)
            figure = result[month.year][fingerprint].setdefault(key, Figure())
            figure.n += count
            figure.total += value * count
            figure.values += count
            figure.counts[value] += count
        cursor.execute(_SECTION_SQL, params)
        for row in cursor.fetchall():
            overall, section, unit, code, month, campaign, rated, people, total, values = row
            if month.year not in years:
                continue
            key = (unit, code, month.month, campaign)
            if overall:
                if people:
                    result[month.year][OVERALL][key] = Figure(n=people)
            elif section and rated:
                metric = f"section:{section}"
                result[month.year][metric][key] = Figure(n=rated, total=total, values=values)
    return result


class Results:
    """Suppressed figures for a set of questions over some years."""

    def __init__(
        self,
        instrument_id: int,
        items: list[Item],
        years: list[int],
        *,
        k: int | None = None,
        fresh: dt.datetime | None = None,
    ):
        """`items`: every question whose answers count, written ones included; figures are
        made for the others and for their sections."""
        self.k = k or min_respondents()
        self.items = items
        self.years = years
        self._cells: dict[int, dict[str, dict]] = {}
        self._hidden: dict[int, dict[str, set]] = {}
        base = base_figures(instrument_id, items, years, fresh=fresh)
        figured = [item for item in items if item.scale not in TEXT_SCALES]
        sections = defaultdict(list)
        for item in figured:
            if item.section and item.scale in RATED_SCALES:
                sections[item.section].append(item.fingerprint)
        jobs = {}
        for year in years:
            self._cells[year] = {}
            for metric in [item.fingerprint for item in figured] + [OVERALL]:
                counts = base.get(year, {}).get(metric, {})
                self._cells[year][metric] = aggregate(counts)
                jobs[(year, metric)] = (counts, self._cells[year][metric], frozenset())
        hidden = suppress_many(jobs, self.k)
        # A section's mean with one of its questions hidden would give that question away:
        # the section hides wherever any of its questions does.
        jobs = {}
        for year in years:
            for section, fingerprints in sections.items():
                metric = f"section:{section}"
                counts = base.get(year, {}).get(metric, {})
                self._cells[year][metric] = aggregate(counts)
                also = frozenset().union(*(hidden[(year, f)] for f in fingerprints))
                jobs[(year, metric)] = (counts, self._cells[year][metric], also)
        hidden |= suppress_many(jobs, self.k)
        for (year, metric), keys in hidden.items():
            self._hidden.setdefault(year, {})[metric] = keys

    def get(self, year: int, metric: str, key: tuple) -> Shown:
        cells = self._cells[year].get(metric, {})
        figure = cells.get(key)
        if figure is None or figure.n == 0:
            return Shown(figure=None, hidden=False)
        if key in self._hidden[year].get(metric, ()):
            return Shown(figure=None, hidden=True, secondary=figure.n >= self.k)
        return Shown(figure=figure, hidden=False)

    def shown_n(self, year: int, key: tuple) -> Shown:
        return self.get(year, OVERALL, key)

    def prefetch(self, keys: dict[int, list[tuple]]) -> None:
        """Nothing to fetch: every figure is in memory (see StoredResults)."""

    def cells(self, year: int):
        """(metric, key, figure, hidden) of every figure of the year with answers."""
        for metric, cells in self._cells[year].items():
            hidden = self._hidden.get(year, {}).get(metric, set())
            for key, figure in cells.items():
                if figure.n:
                    yield metric, key, figure, key in hidden


def cell_key(key: tuple) -> str:
    """A figure's scope as text: "12|*|3|" is unit 12, every colour, March, no campaign."""
    return "|".join(ALL if value == ALL else "" if value is None else str(value) for value in key)


class StoredResults:
    """The figures of results snapshots (feedback.models.ResultsSnapshot), read like
    `Results`: the page names the scopes it shows (`prefetch`), one query fetches them."""

    def __init__(self, snapshots: dict, *, k: int | None = None):
        self.k = k or min_respondents()
        self.snapshots = snapshots  # {year: ResultsSnapshot or None}
        self._cells: dict[tuple, Shown] = {}
        self._fetched: set[tuple] = set()

    def prefetch(self, keys: dict[int, list[tuple]]) -> None:
        from feedback.models import ResultsCell

        wanted = {
            (year, cell_key(key))
            for year, year_keys in keys.items()
            for key in year_keys
            if self.snapshots.get(year) is not None
        } - self._fetched
        if not wanted:
            return
        by_snapshot = {self.snapshots[year].pk: year for year, _key in wanted}
        rows = ResultsCell.objects.filter(
            snapshot_id__in=list(by_snapshot), key__in=sorted({key for _year, key in wanted})
        ).values_list("snapshot_id", "metric", "key", "n", "total", "values", "counts", "hidden")
        for snapshot_id, metric, key, n, total, values, counts, hidden in rows:
            year = by_snapshot[snapshot_id]
            if hidden:
                shown = Shown(figure=None, hidden=True, secondary=n >= self.k)
            else:
                figure = Figure(n=n, total=total, values=values)
                figure.counts.update({int(value): count for value, count in counts.items()})
                shown = Shown(figure=figure, hidden=False)
            self._cells[(year, metric, key)] = shown
        self._fetched |= wanted

    def get(self, year: int, metric: str, key: tuple) -> Shown:
        text = cell_key(key)
        if (year, text) not in self._fetched:
            self.prefetch({year: [key]})
        return self._cells.get((year, metric, text), Shown(figure=None, hidden=False))

    def shown_n(self, year: int, key: tuple) -> Shown:
        return self.get(year, OVERALL, key)


def scope_key(*, unit_id, code_id, month: int | None, campaign_id) -> tuple:
    return (
        ALL if unit_id is None else unit_id,
        ALL if code_id is None else code_id,
        ALL if month is None else month,
        ALL if campaign_id is None else campaign_id,
    )


AGE_BANDS = [(0, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 200)]


def age_bands(counts: Counter, year: int) -> list[tuple[str, int]]:
    """Years of birth as age groups, never as single years (too close to identifying)."""
    bands = Counter()
    for birth_year, count in counts.items():
        age = year - birth_year
        for low, high in AGE_BANDS:
            if low <= age <= high:
                bands[(low, high)] += count
                break
    return [
        (f"{low}–{high}" if high < 200 else f"{low}+", bands[(low, high)])
        for low, high in AGE_BANDS
    ]
