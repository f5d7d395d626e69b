"""The dashboards' figures: read from the other apps' selectors, protected by the one rule
for figures about people (socialwork.core.disclosure), and shaped for the page, the PDF
and the exports alike.

Who sees what: a supervisor the units they lead, management the whole organisation. What
is hidden never depends on who looks: every lattice is the whole organisation's, a
viewer's choice of units is a sum of its shown units (hidden if any of them is). The same
holds for a year that is not over: the months so far, summed."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import number_format
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

from groups.selectors.figures import (
    GOAL_STATUSES,
    OUTCOMES,
    RUN_STATUSES,
    group_figures,
    reminder_figures,
)
from reporting import charts
from socialwork.core.disclosure import (
    ALL,
    HIDING_VERSION,
    Figure,
    Protected,
    Shown,
    general_key,
)
from socialwork.core.fingerprint import fingerprint
from socialwork.core.routers import replica_reads
from socialwork.messaging.models import Message
from socialwork.people.models import Role, Unit
from socialwork.people.permissions import has_role, unit_ids_with_role

MONTH_LABELS = [str(m) for m in range(1, 13)]


@dataclass
class Scope:
    """What a dashboard is about: a calendar year (to date, if it is this year), the units
    (None: the whole organisation) and a programme (None: all)."""

    year: int
    months: int
    unit_ids: list[int] | None
    programme_id: int | None = None
    supervisor: bool = False  # the viewer leads these units: their lists are theirs to open

    @property
    def units(self) -> list:
        return [ALL] if self.unit_ids is None else self.unit_ids


def viewer_units(user):
    """The units a viewer may choose: all for management, their own for a supervisor."""
    if has_role(user, Role.MANAGEMENT):
        return Unit.objects.order_by("name")
    return Unit.objects.filter(pk__in=unit_ids_with_role(user, Role.SUPERVISOR)).order_by("name")


def scope_for(user, *, year: int | None, unit: Unit | None, programme_id: int | None) -> Scope:
    today = timezone.localdate()
    year = year or today.year
    months = today.month if year == today.year else 12
    whole = has_role(user, Role.MANAGEMENT)
    if unit is not None:
        unit_ids = [unit.pk]
    elif whole:
        unit_ids = None
    else:
        unit_ids = sorted(unit_ids_with_role(user, Role.SUPERVISOR))
    return Scope(
        year=year,
        months=months,
        unit_ids=unit_ids,
        programme_id=programme_id,
        supervisor=bool(unit_ids_with_role(user, Role.SUPERVISOR)),
    )


def scope_label(scope: Scope, *, unit=None) -> str:
    """What the figures are about, in words: for the page's heading and the PDF's."""
    from groups.models import Programme

    if unit is not None:
        where = unit.name
    elif scope.unit_ids is None:
        where = _("The whole organisation")
    else:
        where = ", ".join(
            Unit.objects.filter(pk__in=scope.unit_ids)
            .order_by("name")
            .values_list("name", flat=True)
        ) or _("No units")
    programme = (
        Programme.objects.filter(pk=scope.programme_id).first() if scope.programme_id else None
    )
    return f"{where} · {programme.name if programme else _('All programmes')} · {scope.year}"


def reports_of(user, *, kind: str, object_prefix: str = "", limit: int = 5):
    """The reports of one kind the user asked for lately, newest first: theirs alone
    (`object_prefix`: of one group, say)."""
    from socialwork.documents.models import Document

    return list(
        Document.objects.filter(requested_by=user, kind=kind, object_id__startswith=object_prefix)
        .defer("file")
        .order_by("-requested_at")[:limit]
    )


def report_of(user, pk: int):
    from socialwork.documents.models import Document

    return Document.objects.filter(pk=pk, requested_by=user, kind__startswith="reporting.").first()


# --- One printed figure ------------------------------------------------------------------


@dataclass
class Value:
    """A figure as printed: its number, or why there is none."""

    number: float | None = None
    hidden: bool = False
    kind: str = "count"  # count, percent or mean

    @property
    def cell(self):
        """For a spreadsheet: the number (rounded as the page shows it), the word hidden, or
        nothing."""
        if self.hidden:
            return _("hidden")
        if self.number is None:
            return None
        if self.kind == "percent":
            return round(self.number)
        if self.kind in ("mean", "euro"):
            return round(float(self.number), 2 if self.kind == "euro" else 1)
        return self.number

    @property
    def text(self) -> str:
        if self.hidden:
            return _("hidden")
        if self.number is None:
            return "–"
        if self.kind == "percent":
            return f"{number_format(round(self.number), use_l10n=True)} %"
        if self.kind == "mean":
            return number_format(self.number, decimal_pos=1, use_l10n=True)
        if self.kind == "euro":
            return (
                f"{number_format(self.number, decimal_pos=2, use_l10n=True, force_grouping=True)} €"
            )
        if self.kind == "days":
            return number_format(self.number, decimal_pos=0, use_l10n=True)
        return number_format(self.number, use_l10n=True, force_grouping=True)


MEASURES = {
    "count": gettext_lazy("count"),
    "percent": gettext_lazy("per cent"),
    "mean": gettext_lazy("mean"),
    "euro": gettext_lazy("euros"),
    "days": gettext_lazy("days"),
}


def _from_shown(shown: Shown, kind: str) -> Value:
    if shown.hidden:
        return Value(hidden=True, kind=kind)
    figure = shown.figure
    if figure is None or figure.n == 0:
        return Value(number=0 if kind == "count" else None, kind=kind)
    if kind == "count":
        return Value(number=figure.n, kind=kind)
    if not figure.values:
        return Value(kind=kind)
    mean = figure.total / figure.values
    return Value(number=100 * mean if kind == "percent" else mean, kind=kind)


@dataclass
class Metric:
    key: str  # stable, for tests, links and exports: "participants:completed"
    label: str
    kind: str
    now: Value
    before: Value
    months_now: list[Value]
    months_before: list[Value]
    link: str = ""
    note: str = ""

    @property
    def month_pairs(self):
        pairs = zip(self.months_now, self.months_before, strict=True)
        return [(MONTHS[m], now, before) for m, (now, before) in enumerate(pairs, start=1)]

    @property
    def change(self) -> str:
        if (
            self.now.number is None
            or self.before.number is None
            or self.kind
            not in (
                "count",
                "euro",
            )
        ):
            return ""
        difference = self.now.number - self.before.number
        sign = "+" if difference > 0 else ""
        return sign + Value(number=difference, kind=self.kind).text

    def chart(self, scope: Scope):
        return charts.line_chart(
            title=self.label,
            description=_(
                "By month: %(year)s and the year before. The table below has the figures."
            )
            % {"year": scope.year},
            labels=MONTH_LABELS,
            series=[
                charts.Series(str(scope.year), [v.number for v in self.months_now]),
                charts.Series(str(scope.year - 1), [v.number for v in self.months_before]),
            ],
            top=100 if self.kind == "percent" else None,
        )


@dataclass
class Comparison:
    """Two figures side by side that are not a year and the year before."""

    label: str
    first: Value
    second: Value
    link: str = ""  # the list it counts, where the viewer may open it


@dataclass
class Section:
    key: str
    title: str
    metrics: list[Metric] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    comparison_title: str = ""
    comparison_heads: tuple = ()
    comparisons: list[Comparison] = field(default_factory=list)
    freshness: object = None  # feedback's: how current its figures are

    def export(self, scope: Scope) -> tuple[list, list[list]]:
        """The header and rows of the section's table for a spreadsheet: the period, the
        same months a year before and every month of both years. A number stays a number;
        a hidden figure is the word, never a zero or a blank."""
        year, before = scope.year, scope.year - 1
        header = [_("Figure"), _("Unit of measure"), str(year), str(before)]
        header += [f"{year}-{m:02d}" for m in range(1, 13)]
        header += [f"{before}-{m:02d}" for m in range(1, 13)]
        rows = []
        for metric in self.metrics:
            values = [metric.now, metric.before, *metric.months_now, *metric.months_before]
            rows.append([metric.label, MEASURES[metric.kind], *(v.cell for v in values)])
        for row in self.comparisons:
            rows.append(
                [
                    f"{self.comparison_title}: {row.label}",
                    MEASURES[row.first.kind],
                    row.first.cell,
                    row.second.cell,
                ]
            )
        return header, rows


# --- Reading a lattice for a scope ---------------------------------------------------------


class _Lattice:
    """One figure's lattice for one year: protected (people) or plain facts (runs,
    sessions: about the service, not about anyone)."""

    def __init__(self, base: dict, *, protect: bool, people: dict | None = None):
        self.protect = protect
        if protect:
            self.protected = Protected(base, people=people) if base else None
        else:
            self.base = base
            self._levels: dict[tuple, dict] = {}

    def _fact(self, key: tuple):
        # Summed a level at a time (the ALLs of the key), each level once: a page reads a
        # few levels of a lattice, never all of them.
        pattern = tuple(value == ALL for value in key)
        if pattern not in self._levels:
            general = general_key(pattern)
            level: dict = defaultdict(int)
            for base_key, n in self.base.items():
                level[general(base_key)] += n
            self._levels[pattern] = level
        return self._levels[pattern].get(key, 0)

    def value(self, keys: list[tuple], kind: str) -> Value:
        if self.protect:
            if self.protected is None:
                return Value(number=0 if kind == "count" else None, kind=kind)
            return _from_shown(self.protected.shown_sum(keys), kind)
        return Value(number=sum(self._fact(key) for key in keys), kind=kind)


def _keys(scope: Scope, month, extra: tuple = (), *, programme: bool = True) -> list[tuple]:
    """The lattice's cells a figure sums: the scope's units, its programme (where the
    figure has one), one month or the months of the period, and the figure's own parts."""
    if month is not None:
        months = [month]
    else:
        months = [ALL] if scope.months == 12 else list(range(1, scope.months + 1))
    if not programme:
        return [(unit, m, *extra) for unit in scope.units for m in months]
    chosen = ALL if scope.programme_id is None else scope.programme_id
    return [(unit, chosen, m, *extra) for unit in scope.units for m in months]


def _metric(
    scope: Scope,
    lattices: dict[int, _Lattice],
    key: str,
    label: str,
    kind: str,
    extra: tuple = (),
    link: str = "",
    programme: bool = True,
) -> Metric:
    now, before = lattices[scope.year], lattices[scope.year - 1]

    def keys(month):
        return _keys(scope, month, extra, programme=programme)

    return Metric(
        key=key,
        label=label,
        kind=kind,
        now=now.value(keys(None), kind),
        before=before.value(keys(None), kind),
        months_now=[
            now.value(keys(m), kind) if m <= scope.months else Value(kind=kind)
            for m in range(1, 13)
        ],
        months_before=[before.value(keys(m), kind) for m in range(1, 13)],
        link=link,
    )


def _lattices(by_year: dict, scope: Scope, *, protect: bool, people=None) -> dict:
    return {
        year: _Lattice(
            dict(by_year.get(year, {})),
            protect=protect,
            people=(people or {}).get(year),
        )
        for year in (scope.year - 1, scope.year)
    }


def _run_list_link(scope: Scope, **filters) -> str:
    """The run list counts what a supervisor may open; management has no such list."""
    if not scope.supervisor:
        return ""
    query = {k: v for k, v in filters.items() if v}
    if scope.unit_ids and len(scope.unit_ids) == 1:
        query["unit"] = scope.unit_ids[0]
    if scope.programme_id:
        query["programme"] = scope.programme_id
    return reverse("groups:run_list") + ("?" + urlencode(query) if query else "")


def _figures_as_of() -> str:
    from django.utils.formats import date_format

    from groups.services import figures_refreshed_at

    moment = figures_refreshed_at()
    if moment is None:
        return _("Attendance, evaluations and reminders are brought up to date every ten minutes.")
    return _(
        "Attendance, evaluations and reminders as of %(moment)s: they are brought up to date "
        "every ten minutes."
    ) % {"moment": date_format(timezone.localtime(moment), "j.n.Y H.i")}


def groups_read(scope: Scope) -> tuple:
    """The groups' figures of the scope's year and the year before (seven queries, whatever
    the amount of data), and what they were read from (the refresh of the views by month
    is in the section's notes)."""
    from groups.services import figures_refreshed_at

    with replica_reads():
        figures = group_figures(scope.year - 1, scope.year)
    return figures, (figures.digest, figures_refreshed_at())


def groups_section(scope: Scope, figures=None) -> Section:
    """Runs, sessions, participants, attendance, goals and the evaluations after sessions."""
    if figures is None:
        figures = groups_read(scope)[0]
    section = Section(key="groups", title=_("Groups"))
    runs = _lattices(figures.runs, scope, protect=False)
    for status, label in RUN_STATUSES.choices:
        section.metrics.append(
            _metric(
                scope,
                runs,
                f"runs:{status}",
                pgettext("runs", "Groups: %(status)s") % {"status": label},
                "count",
                (status,),
                link=_run_list_link(scope, status=status),
            )
        )
    sessions = _lattices(figures.sessions, scope, protect=False)
    section.metrics.append(
        _metric(scope, sessions, "sessions:held", _("Sessions held"), "count", ("held",))
    )
    section.metrics.append(
        _metric(
            scope, sessions, "sessions:cancelled", _("Sessions cancelled"), "count", ("cancelled",)
        )
    )
    participants = _lattices(figures.participants, scope, protect=True)
    outcome_labels = dict(
        zip(
            OUTCOMES,
            (_("Completed the group"), _("Left before the end"), _("Still in the group")),
            strict=True,
        )
    )
    section.metrics.append(
        _metric(
            scope,
            participants,
            "participants:started",
            _("Participants who started"),
            "count",
            (ALL,),
        )
    )
    for outcome in OUTCOMES:
        section.metrics.append(
            _metric(
                scope,
                participants,
                f"participants:{outcome}",
                outcome_labels[outcome],
                "count",
                (outcome,),
            )
        )
    attendance = _lattices(
        figures.attendance, scope, protect=True, people=figures.attendance_people
    )
    section.metrics.append(
        _metric(scope, attendance, "attendance", _("Attendance rate"), "percent")
    )
    goals = _lattices(figures.personal_goals, scope, protect=True)
    for status, label in GOAL_STATUSES.choices:
        section.metrics.append(
            _metric(
                scope,
                goals,
                f"personal_goals:{status}",
                _("Personal goals: %(status)s") % {"status": label},
                "count",
                (status,),
            )
        )
    group_goals = _lattices(figures.group_goals, scope, protect=False)
    for status, label in GOAL_STATUSES.choices:
        section.metrics.append(
            _metric(
                scope,
                group_goals,
                f"group_goals:{status}",
                _("Group goals: %(status)s") % {"status": label},
                "count",
                (status,),
            )
        )
    kinds = {
        "faces_3": _("Evaluations after sessions, three faces (mean 1–3)"),
        "scale_5": _("Evaluations after sessions, scale 1–5 (mean)"),
    }
    for kind, label in kinds.items():
        lattices = {
            year: _Lattice(figures.evaluations.get(year, {}).get(kind, {}), protect=True)
            for year in (scope.year - 1, scope.year)
        }
        section.metrics.append(_metric(scope, lattices, f"evaluations:{kind}", label, "mean"))
    section.notes.append(_figures_as_of())
    section.notes.append(
        _(
            "A group's participants and goals count in the month the group started. Leaving "
            "a group early carries no sanction and is never used in benefit decisions."
        )
    )
    return section


def reminders_read(scope: Scope) -> tuple:
    """The reminders' figures of the scope's year and the year before (three queries)."""
    from groups.services import figures_refreshed_at

    with replica_reads():
        figures = reminder_figures(scope.year - 1, scope.year)
    return figures, (figures.digest, figures_refreshed_at())


def reminders_section(scope: Scope, figures=None) -> Section:
    """Reminders and no-shows (seed 002:3170-3195): attendance of those reminded and of those
    not, the texts that did not reach anyone and why, and attendance before and after a
    unit's programme took reminders into use."""
    if figures is None:
        figures = reminders_read(scope)[0]
    section = Section(key="reminders", title=_("Reminders and attendance"))
    reminded = _lattices(figures.reminded, scope, protect=True, people=figures.reminded_people)
    section.metrics.append(
        _metric(
            scope, reminded, "reminded:yes", _("Attendance of those reminded"), "percent", ("yes",)
        )
    )
    section.metrics.append(
        _metric(
            scope,
            reminded,
            "reminded:no",
            _("Attendance of those not reminded"),
            "percent",
            ("no",),
        )
    )
    sent = _lattices(figures.reminders_sent, scope, protect=True)
    section.metrics.append(_metric(scope, sent, "reminders:sent", _("Reminders sent"), "count"))
    failed = _lattices(figures.reminders_failed, scope, protect=True)
    section.metrics.append(
        _metric(
            scope, failed, "reminders:failed", _("Reminders that did not go out"), "count", (ALL,)
        )
    )
    for reason, label in Message.Reason.choices:
        if reason == Message.Reason.OBSOLETE:
            continue
        metric = _metric(
            scope,
            failed,
            f"reminders:failed:{reason}",
            _("Did not go out: %(reason)s") % {"reason": label},
            "count",
            (reason,),
        )
        # Only the reasons that happened, in either year: twelve rows of zeros say nothing.
        if metric.now.number or metric.before.number or metric.now.hidden or metric.before.hidden:
            section.metrics.append(metric)
    phases = _Lattice(figures.phases, protect=True, people=figures.phases_people)
    programme = ALL if scope.programme_id is None else scope.programme_id
    section.comparison_title = _("Before and after reminders were taken into use")
    section.comparison_heads = (_("12 months before"), _("12 months after"))
    section.comparisons.append(
        Comparison(
            label=_("Attendance rate"),
            first=phases.value([(u, programme, "before") for u in scope.units], "percent"),
            second=phases.value([(u, programme, "after") for u in scope.units], "percent"),
        )
    )
    section.notes.append(_figures_as_of())
    section.notes.append(
        _(
            "A participant counts as reminded for a session when a reminder of it went out to "
            "them. Reminders were taken into use in a unit's programme in the month its first "
            "one went out; the comparison is over all the years, not only the chosen one."
        )
    )
    return section


def _facts(by_year: dict, scope: Scope, index: int = 0) -> dict:
    """Plain facts of the other apps ({year: {key: (count, euros)}}) as lattices."""
    return {
        year: _Lattice(
            {key: values[index] for key, values in by_year.get(year, {}).items()}, protect=False
        )
        for year in (scope.year - 1, scope.year)
    }


def _proposal_list_link(scope: Scope, **filters) -> str:
    """The councils' list of proposals: supervisors and management both open it (their
    councils, all of them), filtered as the figure counts."""
    if scope.unit_ids and len(scope.unit_ids) == 1:
        filters["unit"] = scope.unit_ids[0]
    return f"{reverse('councils:proposals')}?{urlencode(filters)}"


def councils_read(scope: Scope) -> tuple:
    """The councils' figures of the scope's units (three queries): small, read whole."""
    from councils.selectors import proposal_figures

    with replica_reads():
        figures = proposal_figures(
            unit_ids=scope.unit_ids,
            first_year=scope.year - 1,
            last_year=scope.year,
            months=scope.months,
        )
    return figures, figures


def councils_section(scope: Scope, figures=None) -> Section:
    """The councils of the scope's units: proposals and statements sent, answers, outcomes,
    the median wait for an answer and the answers overdue today. Facts about the councils'
    work, not about any member: nothing to hide."""
    from councils.models import Proposal

    if figures is None:
        figures = councils_read(scope)[0]
    section = Section(key="councils", title=_("Client councils"))
    # The units are chosen already: one cell (0) for the scope, parts by month and kind.
    facts = {
        year: {(0, month, what, detail): (n,) for (month, what, detail), n in cells.items()}
        for year, cells in figures["facts"].items()
    }
    whole = replace(scope, unit_ids=None)
    lattices = _facts(facts, whole)
    for kind, label in Proposal.Kind.choices:
        section.metrics.append(
            _metric(
                whole,
                lattices,
                f"sent:{kind}",
                _("Sent: %(kind)s") % {"kind": label},
                "count",
                ("sent", kind),
                link=_proposal_list_link(scope, year=scope.year, kind=kind),
                programme=False,
            )
        )
    section.metrics.append(
        _metric(
            whole,
            lattices,
            "answered",
            _("Answers received"),
            "count",
            ("answered", ""),
            link=_proposal_list_link(scope, answered_year=scope.year, answered="true"),
            programme=False,
        )
    )
    for outcome, label in Proposal.Outcome.choices:
        section.metrics.append(
            _metric(
                whole,
                lattices,
                f"outcome:{outcome}",
                _("Outcome: %(outcome)s") % {"outcome": label},
                "count",
                ("outcome", outcome),
                link=_proposal_list_link(scope, answered_year=scope.year, outcome=outcome),
                programme=False,
            )
        )
    median = figures["median"]

    def days(year, month):
        value = median.get(year, {}).get(month)
        return Value(number=value, kind="days")

    section.metrics.append(
        Metric(
            key="median_days",
            label=_("Median days to an answer"),
            kind="days",
            now=days(scope.year, 0),
            before=days(scope.year - 1, 0),
            months_now=[days(scope.year, m) for m in range(1, 13)],
            months_before=[days(scope.year - 1, m) for m in range(1, 13)],
        )
    )
    section.comparison_title = _("Today")
    section.comparison_heads = (_("Waiting for an answer"), _("Of them overdue"))
    section.comparisons.append(
        Comparison(
            label=_("Proposals and statements"),
            first=Value(number=figures["waiting"]),
            second=Value(number=figures["overdue"]),
            link=_proposal_list_link(scope, status=Proposal.Status.SENT),
        )
    )
    return section


# The order list's tabs by an order's state.
ORDER_TABS = {"done": "done", "cancelled": "cancelled"}


def _order_list_link(scope: Scope, **filters) -> str:
    """The experts' order list: a supervisor sees their units' orders there; management
    has no such list."""
    if not scope.supervisor:
        return ""
    return f"{reverse('experts:orders')}?{urlencode({**filters, 'year': scope.year})}"


def experts_read(scope: Scope) -> tuple:
    """The experts' figures (one query): small, read whole."""
    from experts.selectors import order_figures

    with replica_reads():
        figures = order_figures(scope.year - 1, scope.year)
    return figures, figures


def experts_section(scope: Scope, figures=None) -> Section:
    """Experience experts ordered by the scope's units: orders by assignment type and by
    state, bookings, fees by who pays, and the experts' supervision (the organisation's).
    Fees are totals, never one expert's."""
    from experts.models import AssignmentType, Gathering, Order

    if figures is None:
        figures = experts_read(scope)[0]
    section = Section(key="experts", title=_("Experience experts"))

    def split(by_year):
        # "type:status" as two parts of the key, each summed over the other.
        return {
            year: {
                (unit, month, *detail.split(":")): values
                for (unit, month, detail), values in cells.items()
            }
            for year, cells in by_year.items()
        }

    orders = _facts(split(figures["orders"]), scope)
    for kind, label in AssignmentType.choices:
        metric = _metric(
            scope,
            orders,
            f"orders:{kind}",
            _("Orders: %(kind)s") % {"kind": label},
            "count",
            (kind, ALL),
            link=_order_list_link(scope, state="all", type=kind),
            programme=False,
        )
        if metric.now.number or metric.before.number:
            section.metrics.append(metric)
    for status, label in Order.Status.choices:
        section.metrics.append(
            _metric(
                scope,
                orders,
                f"orders:status:{status}",
                _("Orders: %(status)s") % {"status": label},
                "count",
                (ALL, status),
                link=_order_list_link(scope, state=ORDER_TABS.get(status, "open")),
                programme=False,
            )
        )
    bookings = _facts(figures["bookings"], scope)
    section.metrics.append(
        _metric(scope, bookings, "bookings", _("Experts booked"), "count", (ALL,), programme=False)
    )
    fees = _facts(figures["fees"], scope, index=1)
    section.metrics.append(_metric(scope, fees, "fees", _("Fees"), "euro", (ALL,), programme=False))
    section.metrics.append(
        _metric(
            scope,
            fees,
            "fees:unit",
            _("Fees paid by our units"),
            "euro",
            ("unit",),
            programme=False,
        )
    )
    if scope.unit_ids is None:
        section.metrics.append(
            _metric(
                scope,
                fees,
                "fees:outside",
                _("Fees paid by outside orderers"),
                "euro",
                ("outside",),
                programme=False,
            )
        )
    gatherings = _facts(figures["gatherings"], replace(scope, unit_ids=None))
    for kind, label in Gathering.Kind.choices:
        section.metrics.append(
            _metric(
                replace(scope, unit_ids=None),
                gatherings,
                f"gatherings:{kind}",
                _("Held: %(kind)s") % {"kind": label},
                "count",
                (kind,),
                programme=False,
            )
        )
    section.notes.append(
        _(
            "Orders count in the month of the event. The experts' supervision and meetings "
            "are the whole organisation's, whatever unit is chosen."
        )
    )
    return section


def _answers_sum(results, year: int, metric: str, keys: list[tuple]) -> Shown:
    """Feedback's figure for several units: the sum of shown ones, hidden if any is."""
    if len(keys) == 1:
        return results.get(year, metric, keys[0])
    total = Figure()
    for key in keys:
        part = results.get(year, metric, key)
        if part.hidden:
            return Shown(figure=None, hidden=True, secondary=True)
        if part.figure is not None:
            total.add(part.figure)
    return Shown(figure=total if total.n else None, hidden=False)


def _answers_metric(scope, figures, key, label, metric, kind, value=None) -> Metric:
    """A figure of feedback answers; `value` makes the printed number of a shown figure
    (a share of one face, say), else the count or the mean."""

    def read(year, month):
        months = (
            [month]
            if month is not None
            else ([ALL] if scope.months == 12 else list(range(1, scope.months + 1)))
        )
        keys = [(unit, ALL, m, ALL) for unit in scope.units for m in months]
        shown = _answers_sum(figures.results, year, metric, keys)
        if shown.hidden:
            return Value(hidden=True, kind=kind)
        if shown.figure is None or not shown.figure.n:
            return Value(number=0 if kind == "count" else None, kind=kind)
        if value is not None:
            return Value(number=value(shown.figure), kind=kind)
        return _from_shown(shown, kind)

    return Metric(
        key=key,
        label=label,
        kind=kind,
        now=read(scope.year, None),
        before=read(scope.year - 1, None),
        months_now=[
            read(scope.year, m) if m <= scope.months else Value(kind=kind) for m in range(1, 13)
        ],
        months_before=[read(scope.year - 1, m) for m in range(1, 13)],
        link=_results_link(scope, figures.instrument),
    )


def _results_link(scope: Scope, instrument, anchor: str = "") -> str:
    """Feedback's results page of the same year and unit: supervisors and management both
    read it (hidden the same way)."""
    query = {"instrument": instrument.pk, "year": scope.year}
    if scope.unit_ids and len(scope.unit_ids) == 1:
        query["unit"] = scope.unit_ids[0]
    return f"{reverse('feedback:results')}?{urlencode(query)}{anchor}"


def feedback_section(scope: Scope, figures=None) -> Section:
    """The lobby's feedback cards by month (how many, and the share of each face for each
    question) and the satisfaction survey by item group, year on year. Hidden by feedback's
    own lattice (unit x worker colour x month x campaign), the same as on its results
    page."""
    from feedback.models import Instrument, in_language
    from feedback.report import instrument_figures
    from feedback.results import OVERALL

    language = (get_language() or "fi")[:2]
    section = Section(key="feedback", title=_("Feedback"))
    years = [scope.year - 1, scope.year]
    cards = instrument_figures(Instrument.Kind.CARD, years)
    survey = instrument_figures(Instrument.Kind.SURVEY, years)
    # Every scope the section reads, fetched at once: the units by month and over the period.
    periods = [ALL, *range(1, 13)]
    keys = [(unit, ALL, month, ALL) for unit in scope.units for month in periods]
    for figures in (cards, survey):
        if figures is not None:
            figures.results.prefetch(dict.fromkeys(years, keys))
            if section.freshness is None or figures.freshness.recomputing:
                section.freshness = figures.freshness
    if cards is not None:
        section.metrics.append(
            _answers_metric(scope, cards, "cards", _("Feedback cards"), OVERALL, "count")
        )
        faces = ((3, _("good")), (2, _("neither")), (1, _("not good")))
        for item in cards.rated():
            for face, face_label in faces:
                section.metrics.append(
                    _answers_metric(
                        scope,
                        cards,
                        f"card:{item.fingerprint[:8]}:{face}",
                        f"{in_language(item.text, language)}: {face_label}",
                        item.fingerprint,
                        "percent",
                        value=lambda figure, face=face: 100 * figure.counts.get(face, 0) / figure.n,
                    )
                )
    if survey is not None:
        section.metrics.append(
            _answers_metric(scope, survey, "survey", _("Survey answers"), OVERALL, "count")
        )
        for code, title in survey.sections():
            section.metrics.append(
                _answers_metric(
                    scope,
                    survey,
                    f"survey:{code}",
                    _("Survey: %(group)s (mean 1–5)") % {"group": in_language(title, language)},
                    f"section:{code}",
                    "mean",
                )
            )
    _comments_waiting(section, scope, ((_("Feedback cards"), cards), (_("Survey"), survey)))
    section.notes.append(
        _(
            "Card faces are shares of the answers to each question. Figures count answers at "
            "least a few hours old, as on the feedback results page."
        )
    )
    return section


def _comments_waiting(section: Section, scope: Scope, instruments) -> None:
    """Written comments not yet read, by instrument, this year and the year before. Counted
    where the results page shows them: a unit whose year has too few answers shows none,
    so none of its comments are counted (the count would tell that someone wrote)."""
    from feedback.selectors import comments_waiting

    years = [scope.year - 1, scope.year]
    waiting = comments_waiting(unit_ids=scope.unit_ids, years=years)
    section.comparison_title = _("Written comments waiting to be read")
    section.comparison_heads = (str(scope.year), str(scope.year - 1))
    for label, figures in instruments:
        if figures is None:
            continue
        mine = {key: n for key, n in waiting.items() if key[0] == figures.instrument.pk}
        figures.results.prefetch(
            {
                year: [(unit or ALL, ALL, ALL, ALL) for _i, unit, y in mine if y == year]
                for year in years
            }
        )

        def count(year, mine=mine, figures=figures):
            return Value(
                number=sum(
                    n
                    for (_instrument, unit, y), n in mine.items()
                    if y == year
                    and not figures.results.shown_n(y, (unit or ALL, ALL, ALL, ALL)).hidden
                )
            )

        link = _results_link(scope, figures.instrument, "#comments")
        section.comparisons.append(
            Comparison(
                label=label, first=count(scope.year), second=count(scope.year - 1), link=link
            )
        )


@dataclass(frozen=True)
class SectionKind:
    """A dashboard's section: its title, how it reads its figures and how it is built from
    them. `read` returns the figures and what they were read from (rows, or the figures
    themselves when they are few), so that the built section can be kept while they are
    the same; a section without `read` reads its own figures when it is built (feedback's
    come from its results snapshots, already made ahead)."""

    title: str
    build: Callable[..., Section]
    read: Callable[[Scope], tuple] | None = None

    def make(self, scope: Scope) -> Section:
        return self.build(scope)


SECTIONS: dict[str, SectionKind] = {
    "groups": SectionKind(gettext_lazy("Groups"), groups_section, groups_read),
    "reminders": SectionKind(
        gettext_lazy("Reminders and attendance"), reminders_section, reminders_read
    ),
    "feedback": SectionKind(gettext_lazy("Feedback"), feedback_section),
    "councils": SectionKind(gettext_lazy("Client councils"), councils_section, councils_read),
    "experts": SectionKind(gettext_lazy("Experience experts"), experts_section, experts_read),
}

# How long a built section is kept: what it rests on is part of its key, so it is never
# shown past a change of its figures; the time only bounds how long a section built by an
# earlier release of the code can be shown after an update. Raise SECTION_VERSION when a
# change alters what a section shows for the same figures.
SECTION_KEEP_SECONDS = 600
SECTION_VERSION = 1


def dashboard_section(key: str, scope: Scope) -> tuple[Section, str]:
    """The section a dashboard shows, built only when it is first used (the page uses it
    only where it does not find it kept), and the key it is kept under: "" for a section
    that reads its own figures when it is built, and so is not kept."""
    kind = SECTIONS[key]
    if kind.read is None:
        return SimpleLazyObject(lambda: kind.build(scope)), ""
    figures, read_from = kind.read(scope)
    return (
        SimpleLazyObject(lambda: kind.build(scope, figures)),
        section_cache_key(key, scope, read_from),
    )


def section_cache_key(key: str, scope: Scope, read_from) -> str:
    """The key a built section is kept under: the section, the scope (year, units,
    programme, months so far, whether the reader leads units), the language, the rule that
    hides figures, and everything its figures were read from."""
    return fingerprint(
        SECTION_VERSION,
        HIDING_VERSION,
        settings.SOCIALWORK_MIN_RESPONDENTS,
        settings.SOCIALWORK_UNANIMOUS_MIN,
        key,
        scope,
        get_language(),
        read_from,
    )


# --- The annual reports ------------------------------------------------------------------

# Each report: its title, what it is for, and the dashboard sections it gathers, in order.
ANNUAL_REPORTS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "survey": (
        gettext_lazy("Satisfaction survey: the year's report"),
        gettext_lazy("Every question of the survey, the year and the two before it."),
        ("feedback",),
    ),
    "councils": (
        gettext_lazy("Client councils: the year's summary"),
        gettext_lazy("Meetings, proposals and statements, the answers and what came of them."),
        ("councils",),
    ),
    "experts": (
        gettext_lazy("Experience experts: activity and fees"),
        gettext_lazy(
            "Orders and bookings by assignment type, fees by month and payer, supervision held."
        ),
        ("experts",),
    ),
    "impact": (
        gettext_lazy("Impact report for decision makers"),
        gettext_lazy("Groups, reminders, feedback, councils and experts in one document."),
        ("groups", "reminders", "feedback", "councils", "experts"),
    ),
}


# The impact report is read by decision makers: every figure is in its tables, but only the
# trends that tell the story are drawn by month (the whole set would be eighty charts).
IMPACT_CHARTS = (
    "sessions:held",
    "participants:started",
    "participants:completed",
    "attendance",
    "evaluations:scale_5",
    "reminded:*",
    "reminders:failed",
    "cards",
    "card:*:3",
    "survey",
    "survey:overall",
    "sent:proposal",
    "answered",
    "median_days",
    "bookings",
    "fees",
    "gatherings:supervision",
)


@dataclass
class AnnualPart:
    """One section of an annual report: the dashboard's figures and charts, and what the
    report adds to them (the survey's every question, each council's year)."""

    section: Section
    charts: list
    surveys: list = field(default_factory=list)  # feedback.report.Report, one per unit
    councils: list = field(default_factory=list)  # councils.selectors.CouncilYear


def annual_parts(user, scope: Scope, report: str) -> list[AnnualPart]:
    """The parts of an annual report for what `scope` covers, hidden as on the pages."""
    from fnmatch import fnmatchcase

    parts = []
    for key in ANNUAL_REPORTS[report][2]:
        section = SECTIONS[key].make(scope)
        drawn = [
            metric
            for metric in section.metrics
            if report != "impact" or any(fnmatchcase(metric.key, p) for p in IMPACT_CHARTS)
        ]
        part = AnnualPart(
            section=section, charts=[(metric, metric.chart(scope)) for metric in drawn]
        )
        if key == "feedback":
            part.surveys = _survey_reports(user, scope)
        elif key == "councils":
            from councils.selectors import councils_year

            with replica_reads():
                part.councils = councils_year(unit_ids=scope.unit_ids, year=scope.year)
        parts.append(part)
    return parts


def _survey_reports(user, scope: Scope) -> list:
    """The survey's results page, year on year, for the whole organisation or for each
    unit of the scope: the same figures and hidden cells as that page, without comments
    (a decision maker's document quotes no client)."""
    from feedback.models import Instrument
    from feedback.report import build_report

    instrument = Instrument.objects.filter(kind=Instrument.Kind.SURVEY).order_by("pk").first()
    if instrument is None:
        return []
    units = (
        [None]
        if scope.unit_ids is None
        else list(Unit.objects.filter(pk__in=scope.unit_ids).order_by("name"))
    )
    return [
        build_report(
            user=user,
            language=(get_language() or "fi")[:2],
            instrument=instrument,
            version=None,
            year=scope.year,
            month=None,
            campaign=None,
            unit=unit,
            worker=None,
            compare=True,
        )
        for unit in units
    ]
