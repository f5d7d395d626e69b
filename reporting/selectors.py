"""The dashboards' figures: read from the other apps' selectors, protected by the one rule
for figures about people (socialwork.core.disclosure), and shaped for the page, the PDF
and the exports alike.

Who sees what: a supervisor the units they lead, management the whole organisation. What
is hidden never depends on who looks: every lattice is the whole organisation's, a
viewer's choice of units is a sum of its shown units (hidden if any of them is). The same
holds for a year that is not over: the months so far, summed."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import product

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from groups.selectors.figures import GOAL_STATUSES, OUTCOMES, RUN_STATUSES, group_figures
from reporting import charts
from socialwork.core.disclosure import ALL, Protected, Shown
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


# --- One printed figure ------------------------------------------------------------------


@dataclass
class Value:
    """A figure as printed: its number, or why there is none."""

    number: float | None = None
    hidden: bool = False
    kind: str = "count"  # count, percent or mean

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
        return number_format(self.number, use_l10n=True, force_grouping=True)


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
        if self.now.number is None or self.before.number is None or self.kind != "count":
            return ""
        difference = self.now.number - self.before.number
        sign = "+" if difference > 0 else ""
        return f"{sign}{number_format(difference, use_l10n=True, force_grouping=True)}"

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
class Section:
    key: str
    title: str
    metrics: list[Metric] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- Reading a lattice for a scope ---------------------------------------------------------


class _Lattice:
    """One figure's lattice for one year: protected (people) or plain facts (runs,
    sessions: about the service, not about anyone)."""

    def __init__(self, base: dict, *, protect: bool, people: dict | None = None):
        self.protect = protect
        if protect:
            self.protected = Protected(base, people=people) if base else None
        else:
            # Facts are summed over every level once: a page reads a few hundred of them.
            self.facts = defaultdict(int)
            for key, n in base.items():
                for general in product(*((value, ALL) for value in key)):
                    self.facts[general] += n

    def value(self, keys: list[tuple], kind: str) -> Value:
        if self.protect:
            if self.protected is None:
                return Value(number=0 if kind == "count" else None, kind=kind)
            return _from_shown(self.protected.shown_sum(keys), kind)
        return Value(number=sum(self.facts.get(key, 0) for key in keys), kind=kind)


def _keys(scope: Scope, month, extra: tuple = ()) -> list[tuple]:
    programme = ALL if scope.programme_id is None else scope.programme_id
    months = (
        [month]
        if month is not None
        else ([ALL] if scope.months == 12 else list(range(1, scope.months + 1)))
    )
    return [(unit, programme, m, *extra) for unit in scope.units for m in months]


def _metric(
    scope: Scope,
    lattices: dict[int, _Lattice],
    key: str,
    label: str,
    kind: str,
    extra: tuple = (),
    link: str = "",
) -> Metric:
    now, before = lattices[scope.year], lattices[scope.year - 1]
    return Metric(
        key=key,
        label=label,
        kind=kind,
        now=now.value(_keys(scope, None, extra), kind),
        before=before.value(_keys(scope, None, extra), kind),
        months_now=[
            now.value(_keys(scope, m, extra), kind) if m <= scope.months else Value(kind=kind)
            for m in range(1, 13)
        ],
        months_before=[before.value(_keys(scope, m, extra), kind) for m in range(1, 13)],
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


def groups_section(scope: Scope) -> Section:
    """Runs, sessions, participants, attendance, goals and the evaluations after sessions.
    Seven queries, whatever the amount of data."""
    figures = group_figures(scope.year - 1, scope.year)
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
    section.notes.append(
        _(
            "A group's participants and goals count in the month the group started. Leaving "
            "a group early carries no sanction and is never used in benefit decisions."
        )
    )
    return section


SECTIONS: dict[str, tuple[str, Callable[[Scope], Section]]] = {
    "groups": (gettext_lazy("Groups"), groups_section),
}
