"""The results page, its CSV export and its charts, all from one suppressed `Results`."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import permissions
from feedback.models import Answer, Campaign, Item, Scale, face_level, in_language
from feedback.results import RATED_SCALES, Results, age_bands, fresh_before, scope_key
from feedback.selectors import version_current
from socialwork.core.disclosure import Shown

COMMENTS_PER_PAGE = 25


@dataclass
class Cell:
    shown: Shown
    n: int = 0
    mean: float | None = None
    scale_max: int | None = None
    bars: list = field(default_factory=list)  # (label, count, percent, x, value)

    @property
    def hidden(self) -> bool:
        return self.shown.hidden

    @property
    def secondary(self) -> bool:
        return self.shown.secondary

    @property
    def empty(self) -> bool:
        return self.shown.empty


@dataclass
class Row:
    label: str
    number: str
    cells: list[Cell]
    is_section: bool = False


@dataclass
class Section:
    title: str
    summary: list[Cell] | None
    rows: list[Row]


@dataclass
class Freshness:
    """How current the figures are: counted up to `as_of`; `recomputing` while newer
    answers are being counted in a worker; `pending` when some year has no figures yet."""

    as_of: dt.datetime | None = None
    recomputing: bool = False
    pending: bool = False


def results_for(instrument, items: list[Item], years: list[int]):
    """The suppressed figures of `items` over `years`, from the results snapshots (made at
    once for a small year, by a worker for a big one: the page then shows the last one
    made and says so). Another version's questions than the current one's are computed
    here. Returns (results, Freshness)."""
    from django.conf import settings
    from django.db import transaction

    from feedback import services
    from feedback.models import ResultsSnapshot
    from feedback.results import StoredResults

    current = version_current(instrument)
    wanted = {item.fingerprint for item in items}
    if current is None or not wanted <= {item.fingerprint for item in current.items.all()}:
        return Results(instrument.pk, items, years), Freshness()
    snapshots = {
        snapshot.year: snapshot
        for snapshot in ResultsSnapshot.objects.filter(instrument=instrument, year__in=years)
    }
    counted = services.responses_counted(instrument.pk, years)
    freshness = Freshness()
    for year in years:
        snapshot = snapshots.get(year)
        if snapshot is not None and snapshot.responses == counted[year]:
            continue
        if counted[year] <= settings.RESULTS_INLINE_MAX_ANSWERS:
            snapshot = services.results_snapshot_make(instrument=instrument, year=year) or snapshot
        else:
            from feedback.tasks import make_results_snapshot

            transaction.on_commit(
                lambda year=year: make_results_snapshot.delay(instrument.pk, year), robust=True
            )
            freshness.recomputing = True
        snapshots[year] = snapshot
    made = [snapshot for snapshot in snapshots.values() if snapshot is not None]
    freshness.pending = len(made) < len(years)
    # With no delay the cut-off is "the end of time": the moment it was made says more.
    freshness.as_of = min(
        (min(snapshot.counted_before, snapshot.made_at) for snapshot in made), default=None
    )
    return StoredResults(snapshots), freshness


@dataclass
class Report:
    instrument: object
    version: object
    columns: list[int]
    month: int | None
    answers: list[Cell]
    sections: list[Section]
    comments: object  # a query of the comments, read a page at a time
    comments_hidden: bool
    can_hide: bool
    scope_label: str
    k: int
    freshness: Freshness = field(default_factory=Freshness)

    def csv_rows(self) -> list[list]:
        hidden_text = _("fewer than %(k)s answers") % {"k": self.k}
        header = [_("Question")]
        for year in self.columns:
            header += [f"{year} {_('answers')}", f"{year} {_('mean')}"]
        rows = [[self.scope_label], header]

        def figures(cells):
            out = []
            for cell in cells:
                if cell.hidden:
                    out += [hidden_text, ""]
                elif cell.empty:
                    out += ["0", ""]
                else:
                    out += [cell.n, "" if cell.mean is None else f"{cell.mean:.2f}"]
            return out

        rows.append([_("Answers"), *figures(self.answers)])
        for section in self.sections:
            if section.summary:
                rows.append([section.title, *figures(section.summary)])
            for row in section.rows:
                rows.append([f"{row.number} {row.label}".strip(), *figures(row.cells)])
        return rows


def _labels(version, item: Item, language: str) -> dict[int, str]:
    if item.scale == Scale.CHOICE:
        return {o["value"]: in_language(o["text"], language) for o in item.options}
    labels = version.scale_labels.get(item.scale, {})
    low, high = item.value_range()
    return {
        v: in_language(labels.get(str(v), {"fi": str(v)}), language) for v in range(low, high + 1)
    }


def _cell(shown: Shown, *, item: Item | None, labels: dict | None, year: int, mean=True) -> Cell:
    cell = Cell(shown=shown)
    if shown.figure is None:
        return cell
    figure = shown.figure
    cell.n = figure.n
    if mean and (item is None or item.scale in RATED_SCALES):
        cell.mean = figure.mean
    if item is not None:
        if item.scale == Scale.YEAR:
            pairs = age_bands(figure.counts, year)
        else:
            pairs = [(labels[v], figure.counts.get(v, 0)) for v in sorted(labels)]
        total = sum(count for _label, count in pairs) or 1
        x = 0.0
        for value, (label, count) in enumerate(pairs, start=1):
            percent = 100 * count / total
            if item.scale == Scale.FACES3:
                colour = str(face_level(item.scale, value))
            elif item.scale in RATED_SCALES:
                colour = str(value)
            else:  # categories without an order: gender, age group
                colour = f"c{value}"
            cell.bars.append((label, count, round(percent), round(x, 2), round(percent, 2), colour))
            x += percent
        if item.scale in RATED_SCALES:
            cell.scale_max = item.value_range()[1]
    return cell


def build_report(
    *,
    user,
    language: str,
    instrument,
    version,
    year: int,
    month: int | None,
    campaign,
    unit,
    worker,
    compare: bool,
) -> Report:
    version = version or version_current(instrument)
    items = list(version.items.all()) if version else []
    if worker is not None:
        unit = worker.unit
    columns = [year - 2, year - 1, year] if compare else [year]
    rated = [item for item in items if item.scale not in (Scale.TEXT, Scale.SHORT_TEXT)]
    # Background questions are never broken down by worker (domain guide §3.3): birth year,
    # gender and a worker's colour together could point to one person.
    if worker is not None:
        rated = [item for item in rated if not item.is_background]
    results, freshness = results_for(instrument, items, columns)
    # Year on year with a campaign chosen: each earlier year shows its own campaign of the
    # same instrument, unit and month (the survey runs in the same month every year).
    campaigns = _same_campaigns(campaign, columns) if campaign else {}
    keys = {
        y: scope_key(
            unit_id=unit.pk if unit else None,
            code_id=worker.pk if worker else None,
            month=month,
            campaign_id=campaigns[y].pk if y in campaigns else (campaign.pk if campaign else None),
        )
        for y in columns
    }
    results.prefetch({y: [keys[y]] for y in columns})
    # The number of answers has no mean: it would mix questions with different scales.
    answers = [
        _cell(results.shown_n(y, keys[y]), item=None, labels=None, year=y, mean=False)
        for y in columns
    ]

    sections: list[Section] = []
    # A section's mean is over its rated questions; a section of choices alone has none.
    rated_sections = {i.section for i in rated if i.section and i.scale in RATED_SCALES}
    for item in rated:
        title = in_language(item.section_title, language) if item.section_title else ""
        if not sections or sections[-1].title != title:
            summary = None
            if item.section in rated_sections and not item.is_background:
                summary = [
                    _cell(
                        results.get(y, f"section:{item.section}", keys[y]),
                        item=None,
                        labels=None,
                        year=y,
                    )
                    for y in columns
                ]
            sections.append(Section(title=title, summary=summary, rows=[]))
        labels = _labels(version, item, language) if item.scale != Scale.YEAR else None
        sections[-1].rows.append(
            Row(
                label=in_language(item.text, language),
                number=item.number,
                cells=[
                    _cell(
                        results.get(y, item.fingerprint, keys[y]), item=item, labels=labels, year=y
                    )
                    for y in columns
                ],
            )
        )

    # Comments are read only where the answers they come with may be counted.
    this_year = answers[-1]
    comments_hidden = this_year.hidden
    comments = Answer.objects.none()
    if not this_year.hidden and not this_year.empty:
        comments = _comments(
            instrument=instrument,
            items=[i for i in items if i.scale == Scale.TEXT and not i.is_background],
            year=year,
            month=month,
            unit=unit,
            worker=worker,
            campaign=campaign,
        )
    scope = unit.name if unit else _("Whole organisation")
    if worker is not None:
        scope = f"{scope}: {worker.worker} ({worker.get_colour_display() or _('no card colour')})"
    return Report(
        instrument=instrument,
        version=version,
        columns=columns,
        month=month,
        answers=answers,
        sections=sections,
        comments=comments,
        comments_hidden=comments_hidden,
        can_hide=permissions.can_hide_comments(user, unit.pk if unit else None, instrument),
        scope_label=f"{in_language(instrument.name, language)} – {scope}",
        k=results.k,
        freshness=freshness,
    )


def _same_campaigns(campaign: Campaign, years: list[int]) -> dict[int, Campaign]:
    same = Campaign.objects.filter(
        instrument_id=campaign.instrument_id,
        unit_id=campaign.unit_id,
        month=campaign.month,
        year__in=years,
    )
    return {c.year: c for c in same}


def _comments(*, instrument, items, year, month, unit, worker, campaign):
    """The written comments of the same answers the figures count: a campaign's answers by
    the campaign's month, others by the month they were given."""
    first = dt.date(year, month or 1, 1)
    after = dt.date(year + 1, 1, 1) if month in (None, 12) else dt.date(year, month + 1, 1)
    start = timezone.make_aware(dt.datetime.combine(first, dt.time()))
    end = timezone.make_aware(dt.datetime.combine(after, dt.time()))
    in_campaign = Q(response__campaign__year=year)
    if month:
        in_campaign &= Q(response__campaign__month=month)
    outside = Q(
        response__campaign__isnull=True,
        response__submitted_hour__gte=start,
        response__submitted_hour__lt=end,
    )
    qs = Answer.objects.filter(
        in_campaign | outside,
        response__submitted_hour__lt=fresh_before(),
        item__version__instrument=instrument,
        item__fingerprint__in=[item.fingerprint for item in items],
        hidden=False,
    ).exclude(text="")
    if campaign is not None:
        qs = qs.filter(response__campaign=campaign)
    if unit is not None:
        qs = qs.filter(response__unit=unit)
    if worker is not None:
        qs = qs.filter(response__worker_code=worker)
    # In the order of the answers' random keys: neither the time nor the order they came in
    # is shown, since a worker who knows when a client visited could match them.
    return qs.select_related("response").order_by("response__key", "item_id")


@dataclass
class InstrumentFigures:
    """An instrument's protected figures over some years, for dashboards and reports."""

    instrument: object
    items: list
    results: object  # Results or StoredResults
    freshness: Freshness = field(default_factory=Freshness)

    def rated(self, *, background: bool = False) -> list:
        return [
            item
            for item in self.items
            if item.scale in RATED_SCALES and (background or not item.is_background)
        ]

    def sections(self) -> list[tuple[str, dict]]:
        """(code, title in every language) of the sections with rated questions, in order."""
        seen: dict[str, dict] = {}
        for item in self.rated():
            if item.section and item.section not in seen:
                seen[item.section] = item.section_title or {"fi": item.section}
        return list(seen.items())


def instrument_figures(kind: str, years: list[int]) -> InstrumentFigures | None:
    """The figures of the organisation's instrument of this kind (the card, the survey):
    every question of its current version, hidden by the one rule, for every unit."""
    from feedback.models import Instrument

    instrument = Instrument.objects.filter(kind=kind).order_by("pk").first()
    version = version_current(instrument) if instrument else None
    if version is None:
        return None
    items = list(version.items.all())
    results, freshness = results_for(instrument, items, years)
    return InstrumentFigures(
        instrument=instrument, items=items, results=results, freshness=freshness
    )
