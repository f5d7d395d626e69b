"""The one rule for figures from answers: no figure resting on fewer than 5 answers is shown,
nor one that any sums and differences of shown figures would give away, in feedback's
four-dimensional lattice and in a group's one-dimensional one (sessions and the run)."""

import random
from collections import Counter
from fractions import Fraction

import pytest

from socialwork.core.disclosure import ALL, Figure, Protected, aggregate, suppress


def test_a_small_part_takes_its_smallest_sibling_into_hiding():
    base = {
        ("u", "a", 1, None): Figure(n=6),
        ("u", "b", 1, None): Figure(n=7),
        ("u", "c", 1, None): Figure(n=3),
    }
    cells = aggregate(base)
    hidden = suppress(cells, 5)
    unit_total = ("u", ALL, ALL, ALL)
    assert cells[unit_total].n == 16 and unit_total not in hidden
    assert ("u", "c", ALL, ALL) in hidden
    # Hiding c alone would give it away: 16 - 6 - 7 = 3. The smallest other part goes too.
    assert ("u", "a", ALL, ALL) in hidden
    assert ("u", "b", ALL, ALL) not in hidden


def test_answers_without_a_colour_are_protected_like_a_hidden_part():
    base = {
        ("u", "a", 1, None): Figure(n=8),
        ("u", None, 1, None): Figure(n=2),  # no colour chosen: never shown on its own
    }
    hidden = suppress(aggregate(base), 5)
    assert ("u", "a", ALL, ALL) in hidden  # else unit 10 - a 8 = the 2 without a colour
    assert ("u", ALL, ALL, ALL) not in hidden


def test_a_month_cannot_be_worked_out_from_the_year_and_the_other_months():
    base = {("u", None, m, None): Figure(n=n) for m, n in ((1, 9), (2, 8), (3, 2))}
    hidden = suppress(aggregate(base), 5)
    assert ("u", ALL, 3, ALL) in hidden
    assert ("u", ALL, 2, ALL) in hidden  # the smaller of the other months
    assert ("u", ALL, 1, ALL) not in hidden
    assert ("u", ALL, ALL, ALL) not in hidden


def test_hiding_spreads_across_dimensions_until_nothing_can_be_subtracted():
    """Unit x hidden for month 3 in the unit split must not be recoverable from x's year."""
    base = {
        ("x", None, 1, None): Figure(n=10),
        ("x", None, 3, None): Figure(n=6),
        ("y", None, 1, None): Figure(n=10),
        ("y", None, 3, None): Figure(n=3),
    }
    cells = aggregate(base)
    hidden = suppress(cells, 5)
    # In month 3, y (3) is too small; x (6) must go with it, or 9 - 6 = 3.
    assert {("y", ALL, 3, ALL), ("x", ALL, 3, ALL)} <= hidden
    # Then x's year would give x's month 3 back (16 - 10), and with it y's: x's month 1 hides.
    for whole, parts in (
        (("x", ALL, ALL, ALL), [("x", ALL, m, ALL) for m in (1, 3)]),
        ((ALL, ALL, 3, ALL), [(u, ALL, 3, ALL) for u in ("x", "y")]),
    ):
        if whole not in hidden:
            hidden_n = sum(cells[p].n for p in parts if p in hidden)
            assert hidden_n == 0 or hidden_n >= 5


def _shown_span(base_keys, cells, hidden):
    """A test of whether some sum and difference of the shown figures equals the sum of some
    target figures: exact elimination over the rationals with all base cells unknown,
    independent of `suppress`."""

    def row(cell):
        return [Fraction(int(_within(b, cell))) for b in base_keys]

    basis = []
    for cell in cells:
        if cell in hidden:
            continue
        r = row(cell)
        for pivot, b in basis:
            if r[pivot]:
                r = [x - r[pivot] / b[pivot] * y for x, y in zip(r, b, strict=True)]
        pivot = next((i for i, x in enumerate(r) if x), None)
        if pivot is not None:
            basis.append((pivot, r))

    def given_away(*targets) -> bool:
        t = [sum(column) for column in zip(*(row(target) for target in targets), strict=True)]
        for pivot, b in basis:
            if t[pivot]:
                t = [x - t[pivot] / b[pivot] * y for x, y in zip(t, b, strict=True)]
        return not any(t)

    return given_away


def _given_away(base_keys, cells, hidden, *targets) -> bool:
    return _shown_span(base_keys, cells, hidden)(*targets)


def _apart(a, b) -> bool:
    """No answer is in both figures."""
    return any(x != y and ALL not in (x, y) for x, y in zip(a, b, strict=True))


def _within(base_key, cell) -> bool:
    return all(c in (ALL, b) for b, c in zip(base_key, cell, strict=True))


def feedback_lattice(rng) -> dict:
    """Random units, colours (and answers without one), months and a campaign."""
    base = {}
    for u in range(rng.randint(1, 3)):
        codes = [f"c{u}{i}" for i in range(rng.randint(1, 3))] + [None] * (rng.random() < 0.4)
        for code in codes:
            for month in range(1, rng.randint(2, 4)):
                for campaign in [None, "k"] if rng.random() < 0.3 else [None]:
                    n = rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 10, 15])
                    if n:
                        base[(f"u{u}", code, month, campaign)] = Figure(n=n)
    return base


def group_lattice(rng) -> dict:
    """A group's sessions: the evaluations of each (often a handful) and the whole run."""
    sessions = rng.randint(1, 14)
    base = {}
    for session in range(sessions):
        n = rng.choice([0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 10])
        if n:
            base[(session,)] = Figure(n=n)
    return base


def dashboard_lattice(rng) -> dict:
    """The dashboards' participants: unit x programme x month x outcome (completed, left,
    still in the group), the cross-tabulation of reporting's groups section."""
    base = {}
    for unit in range(rng.randint(1, 3)):
        for programme in range(rng.randint(1, 2)):
            for month in range(1, rng.randint(2, 3)):
                for outcome in ("completed", "left", "ongoing"):
                    n = rng.choice([0, 0, 1, 2, 3, 4, 6, 8, 12])
                    if n:
                        base[(unit, programme, month, outcome)] = Figure(n=n)
    return base


def reminded_lattice(rng) -> dict:
    """Attendance of the reminded and the not reminded: unit x month x reminded or not."""
    base = {}
    for unit in range(rng.randint(1, 3)):
        for month in range(1, rng.randint(2, 4)):
            for reminded in ("yes", "no"):
                n = rng.choice([0, 1, 2, 3, 5, 6, 9])
                if n:
                    base[(unit, month, reminded)] = Figure(n=n)
    return base


@pytest.mark.parametrize(
    "lattice", [feedback_lattice, group_lattice, dashboard_lattice, reminded_lattice]
)
@pytest.mark.parametrize("seed", range(40))
def test_no_small_figure_can_be_worked_out_from_all_shown_figures_together(lattice, seed):
    """Whatever sums and differences of shown figures anyone forms, none gives a figure of
    1 to 4 answers, nor the sum of two that together have fewer than 5."""
    base = lattice(random.Random(seed))
    if not base:
        return
    cells = aggregate(base)
    hidden = suppress(cells, 5)
    small = [cell for cell, figure in cells.items() if 0 < figure.n < 5]
    assert set(small) <= hidden
    given_away = _shown_span(list(base), cells, hidden)
    for cell in small:
        assert not given_away(cell), cell
    # Nor the sum of two small figures that together have fewer than 5 answers.
    pairs = [
        (a, b)
        for i, a in enumerate(small)
        for b in small[i + 1 :]
        if cells[a].n + cells[b].n < 5 and _apart(a, b)
    ]
    for a, b in pairs:
        assert not given_away(a, b), (a, b)


def test_a_figure_hidden_in_one_split_is_not_given_back_by_two_others():
    """Blue: January 10, March 6; green: January 10, March 3. Hiding blue's March to protect
    green's 3 is not enough: blue's year minus blue's January is blue's March again."""
    base = {
        ("u", "blue", 1, None): Figure(n=10),
        ("u", "blue", 3, None): Figure(n=6),
        ("u", "green", 1, None): Figure(n=10),
        ("u", "green", 3, None): Figure(n=3),
    }
    cells = aggregate(base)
    hidden = suppress(cells, 5)
    assert not _given_away(list(base), cells, hidden, ("u", "green", 3, ALL))
    assert ("u", ALL, ALL, ALL) not in hidden and ("u", ALL, 1, ALL) not in hidden


def test_months_without_a_campaign_are_not_hidden_for_it():
    base = {("u", "blue", m, None): Figure(n=6) for m in (1, 2, 3)}
    hidden = suppress(aggregate(base), 5)
    assert not [cell for cell in hidden if None not in cell]  # every figure a page can ask for


def test_a_small_session_takes_the_smallest_other_into_hiding_and_the_run_stays():
    """Six answers after one session, two after another: the two are hidden, and so are the
    six, since the run's 8 minus a shown 6 would be the two again. The run's 8 is shown."""
    protected = Protected({(1,): Figure(n=6), (2,): Figure(n=2)}, k=5)
    assert protected.shown((2,)).hidden and not protected.shown((2,)).secondary
    assert protected.shown((1,)).hidden and protected.shown((1,)).secondary
    assert protected.shown((ALL,)).figure.n == 8


def test_everyone_choosing_alike_in_a_small_group_is_hidden_and_protected():
    sad = Figure(n=6, total=6, values=6, counts=Counter({1: 6}))
    mixed = Figure(n=7, total=14, values=7, counts=Counter({1: 2, 3: 5}))
    protected = Protected({(1,): sad, (2,): mixed}, k=5, unanimous_below=10)
    assert protected.shown((1,)).all_alike and protected.shown((1,)).hidden
    # Shown, the other session would give the sad one back through the run's total.
    assert protected.shown((2,)).hidden and protected.shown((ALL,)).figure.n == 13
    # Ten alike are no longer few: each could be anyone of ten.
    ten = Figure(n=10, total=10, values=10, counts=Counter({1: 10}))
    assert not Protected({(1,): ten}, k=5, unanimous_below=10).shown((1,)).hidden
