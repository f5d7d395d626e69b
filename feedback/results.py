"""Results of anonymous feedback, with every figure that rests on fewer than
SOCIALWORK_MIN_RESPONDENTS answers hidden, also where it could be worked out by subtraction.

How the hiding works. The answers are counted in SQL per *base cell*: unit x worker colour x
month x campaign. Every figure a page can show is the sum of some base cells along those four
dimensions, where a dimension is either one value or "all" (`ALL`). For each dimension, a
figure with "all" is the sum of its parts: the organisation is the sum of its units, a unit
the sum of its workers' colours, a year the sum of its months, a month the sum of its
campaign and non-campaign answers. Answers without a unit, a colour or a campaign form parts
that are never shown on their own.

1. A figure with fewer than `k` answers is hidden (primary suppression), and so is every part
   that is never shown on its own.
2. Wherever a shown figure is split into parts, the hidden parts together must have 0 or at
   least `k` answers; otherwise subtracting the shown parts from the whole would reveal them.
   The smallest shown part is hidden too until that holds (secondary suppression).
3. Step 2 repeats over every split until nothing changes.

The result does not depend on who looks: the same figure is hidden for everyone, so that two
people (or one person with two filters) cannot combine their views. It is computed per
question, per section and for the answer count, since each rests on its own number of answers.
Years are never added up, so each year is a lattice of its own.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import product

from django.conf import settings
from django.db import connection

from feedback.models import Item, Scale

ALL = "*"
DIMENSIONS = ("unit", "code", "month", "campaign")
RATED_SCALES = (Scale.FACES3, Scale.FACES5, Scale.AGREE5)
OVERALL = "__answers__"


def min_respondents() -> int:
    return settings.SOCIALWORK_MIN_RESPONDENTS


@dataclass
class Figure:
    """Counts for one question (or section) in one cell."""

    n: int = 0
    total: int = 0
    values: int = 0  # how many answers the mean is over (a section counts each question)
    counts: Counter = field(default_factory=Counter)

    def add(self, other: "Figure") -> None:
        self.n += other.n
        self.total += other.total
        self.values += other.values
        self.counts.update(other.counts)

    @property
    def mean(self) -> float | None:
        return self.total / self.values if self.values else None


def _generalisations(key: tuple) -> list[tuple]:
    """The key itself and every key with some dimensions replaced by ALL."""
    options = [(value, ALL) for value in key]
    return list(product(*options))


def aggregate(base: dict[tuple, Figure]) -> dict[tuple, Figure]:
    cells: dict[tuple, Figure] = defaultdict(Figure)
    for key, figure in base.items():
        for general in _generalisations(key):
            cells[general].add(figure)
    return cells


def _never_shown(key: tuple) -> bool:
    return any(value is None for value in key)


def suppress(cells: dict[tuple, Figure], k: int) -> set[tuple]:
    """The keys of the cells that must not be shown (see the module docstring)."""
    hidden = {key for key, figure in cells.items() if figure.n < k or _never_shown(key)}
    splits: dict[tuple[tuple, int], list[tuple]] = defaultdict(list)
    for key in cells:
        for d, value in enumerate(key):
            if value != ALL:
                splits[((*key[:d], ALL, *key[d + 1 :]), d)].append(key)
    changed = True
    while changed:
        changed = False
        for (whole, _d), parts in splits.items():
            if whole in hidden:
                continue
            while True:
                hidden_n = sum(cells[p].n for p in parts if p in hidden)
                if hidden_n == 0 or hidden_n >= k:
                    break
                shown = [p for p in parts if p not in hidden]
                if not shown:
                    break
                smallest = min(shown, key=lambda p: (cells[p].n, repr(p)))
                hidden.add(smallest)
                changed = True
    return hidden


# --- Reading the answers -------------------------------------------------------------------

_MONTH_SQL = """COALESCE(make_date(c.year, c.month, 1),
    date_trunc('month', r.submitted_hour AT TIME ZONE %(tz)s)::date)"""

_ITEM_SQL = f"""
SELECT i.fingerprint, a.value, r.unit_id, r.worker_code_id, {_MONTH_SQL} AS month,
       r.campaign_id, count(*)
FROM feedback_answer a
JOIN feedback_item i ON i.id = a.item_id
JOIN feedback_response r ON r.id = a.response_id
LEFT JOIN feedback_campaign c ON c.id = r.campaign_id
WHERE i.fingerprint = ANY (%(fingerprints)s) AND a.value IS NOT NULL
  AND r.submitted_hour >= %(start)s AND r.submitted_hour < %(end)s
GROUP BY 1, 2, 3, 4, 5, 6
"""

# Respondents per section and over all rated questions: a person counts once however many
# questions of the section they answered.
_SECTION_SQL = f"""
SELECT i.section, r.unit_id, r.worker_code_id, {_MONTH_SQL} AS month, r.campaign_id,
       count(DISTINCT r.id), sum(a.value), count(a.value)
FROM feedback_answer a
JOIN feedback_item i ON i.id = a.item_id
JOIN feedback_response r ON r.id = a.response_id
LEFT JOIN feedback_campaign c ON c.id = r.campaign_id
WHERE i.fingerprint = ANY (%(fingerprints)s) AND a.value IS NOT NULL
  AND i.scale = ANY (%(rated)s)
  AND r.submitted_hour >= %(start)s AND r.submitted_hour < %(end)s
GROUP BY GROUPING SETS ((1, 2, 3, 4, 5), (2, 3, 4, 5))
"""


def _span(years: list[int]) -> tuple[dt.datetime, dt.datetime]:
    # Paper forms of a campaign may be typed in after its month: read two months further.
    tz = dt.UTC
    return (
        dt.datetime(min(years), 1, 1, tzinfo=tz) - dt.timedelta(days=1),
        dt.datetime(max(years) + 1, 3, 1, tzinfo=tz),
    )


def base_figures(items: list[Item], years: list[int]) -> dict[int, dict[str, dict]]:
    """{year: {metric: {(unit, code, month, campaign): Figure}}}, metric being an item
    fingerprint, "section:<code>" or OVERALL. Two queries, whatever the number of answers."""
    start, end = _span(years)
    params = {
        "fingerprints": [item.fingerprint for item in items],
        "rated": list(RATED_SCALES),
        "start": start,
        "end": end,
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
        for section, unit, code, month, campaign, people, total, values in cursor.fetchall():
            if month.year not in years:
                continue
            metric = OVERALL if section is None else f"section:{section}"
            key = (unit, code, month.month, campaign)
            result[month.year][metric][key] = Figure(n=people, total=total, values=values)
    return result


@dataclass
class Shown:
    """What a page may print for one figure: either the figure or the reason it is hidden."""

    figure: Figure | None
    hidden: bool
    secondary: bool = False  # hidden although it has enough answers, to protect another

    @property
    def empty(self) -> bool:
        return not self.hidden and (self.figure is None or self.figure.n == 0)


class Results:
    """Suppressed figures for a set of questions over some years."""

    def __init__(self, items: list[Item], years: list[int], *, k: int | None = None):
        self.k = k or min_respondents()
        self.items = items
        self.years = years
        self._cells: dict[int, dict[str, dict]] = {}
        self._hidden: dict[int, dict[str, set]] = {}
        base = base_figures(items, years)
        metrics = (
            {item.fingerprint for item in items}
            | {OVERALL}
            | {f"section:{item.section}" for item in items}
        )
        for year in years:
            self._cells[year] = {}
            self._hidden[year] = {}
            for metric in metrics:
                cells = aggregate(base.get(year, {}).get(metric, {}))
                self._cells[year][metric] = cells
                self._hidden[year][metric] = suppress(cells, self.k)

    def get(self, year: int, metric: str, key: tuple) -> Shown:
        cells = self._cells[year][metric]
        figure = cells.get(key)
        if figure is None or figure.n == 0:
            return Shown(figure=None, hidden=False)
        if key in self._hidden[year][metric]:
            return Shown(figure=None, hidden=True, secondary=figure.n >= self.k)
        return Shown(figure=figure, hidden=False)

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
