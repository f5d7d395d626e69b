"""Disclosure control: every figure from answers people gave (anonymous feedback, the
evaluations after group sessions, the figures of small groups) is shown only where it cannot
tell anything of one person. One rule for every page, PDF and export; a selector calls it for
every figure it returns.

A figure rests on some *base cells*: the answers counted along a few dimensions (for
feedback: unit x worker colour x month x campaign; for a group's evaluations: the session).
Every figure a page can show is the sum of some base cells, where a dimension is either one
value or "all" (`ALL`). For each dimension, a figure with "all" is the sum of its parts: the
organisation is the sum of its units, a unit the sum of its workers' colours, a year the sum
of its months, a group's whole run the sum of its sessions. Parts a page never offers on
their own (answers without a colour, say) are protected the same way.

1. A figure with fewer than `k` (MIN_RESPONDENTS) answers is hidden (primary suppression),
   and so is one the caller names in `also` (a unanimous small figure, see `unanimous`; a
   section holding a hidden question).
2. Every split is an equation: the whole is the sum of its parts. Any one hidden member
   alone could be worked out from the others, so in every split the hidden members are none
   or at least two, and where the whole is shown, the hidden parts together have at least
   `k` answers (their sum is the whole minus the shown parts). The smallest shown part is
   hidden until that holds (secondary suppression); when no shown part is left, the whole.
   This repeats over every split until nothing changes.
3. Splits cross (a worker's months are also parts of the unit's months), and a chain of
   sums and differences through several splits can still pin a small figure down. So the
   shown figures are then checked all together, by Gaussian elimination (`_Audit`); while
   they give away a small figure, or the sum of two hidden figures with fewer than `k`
   answers together, a neighbour of it is hidden and steps 2-3 repeat.

What this does not cover: the audit checks every figure a page can show and every sum of
two of them. A sum of three or more small hidden figures, in rare patterns, is not looked
for; the search grows with every figure added to the sum.

The result does not depend on who looks: the same figure is hidden for everyone who may not
read the answers themselves, so that two people (or one person with two filters or two
pages) cannot combine their views.
"""

import gc
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from heapq import heapify, heappop, heappush
from itertools import product
from operator import attrgetter, itemgetter, mul

import numpy as np
from django.conf import settings
from django.core.cache import cache

ALL = "*"


def min_respondents() -> int:
    return settings.SOCIALWORK_MIN_RESPONDENTS


class Figure:
    """Counts for one question (or section) in one cell. Light (slots, the option counts made
    only when used): a big organisation's lattice holds a hundred thousand of them."""

    __slots__ = ("_counts", "n", "total", "values")

    def __init__(self, n: int = 0, total: int = 0, values: int = 0, counts=None):
        self.n = n
        self.total = total
        self.values = values  # how many answers the mean is over (a section counts each)
        self._counts = Counter(counts) if counts else None

    @property
    def counts(self) -> Counter:
        if self._counts is None:
            self._counts = Counter()
        return self._counts

    @counts.setter
    def counts(self, value) -> None:
        self._counts = Counter(value)

    def add(self, other: "Figure") -> None:
        self.n += other.n
        self.total += other.total
        self.values += other.values
        if other._counts:
            self.counts.update(other._counts)

    @property
    def mean(self) -> float | None:
        return self.total / self.values if self.values else None

    def __eq__(self, other) -> bool:
        if not isinstance(other, Figure):
            return NotImplemented
        return (self.n, self.total, self.values, dict(self._counts or {})) == (
            other.n,
            other.total,
            other.values,
            dict(other._counts or {}),
        )

    def __repr__(self) -> str:
        return f"Figure(n={self.n}, total={self.total}, values={self.values})"


def _generalisations(key: tuple) -> list[tuple]:
    """The key itself and every key with some dimensions replaced by ALL."""
    options = [(value, ALL) for value in key]
    return list(product(*options))


def aggregate(base: dict[tuple, Figure]) -> dict[tuple, Figure]:
    """Every figure of the lattice: each base cell added to every key above it. Summed in
    plain integers first (a city's lattice has a hundred thousand figures)."""
    with _no_collection():
        return _aggregate(base)


def _aggregate(base: dict[tuple, Figure]) -> dict[tuple, Figure]:
    n: dict[tuple, int] = defaultdict(int)
    total: dict[tuple, int] = defaultdict(int)
    values: dict[tuple, int] = defaultdict(int)
    counts: dict[tuple, Counter] = {}
    for key, figure in base.items():
        with_counts = bool(figure._counts)
        for general in _generalisations(key):
            n[general] += figure.n
            total[general] += figure.total
            values[general] += figure.values
            if with_counts:
                counts.setdefault(general, Counter()).update(figure._counts)
    return {
        key: Figure(n=count, total=total[key], values=values[key], counts=counts.get(key))
        for key, count in n.items()
    }


@contextmanager
def _no_collection():
    """The cycle collector paused: hiding builds hundreds of thousands of small tuples and
    dicts and no cycles, and a collection at every few hundred of them took half the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def suppress(
    cells: dict[tuple, Figure], k: int, *, also: set[tuple] = frozenset(), structure=None
) -> set[tuple]:
    """The keys of the cells that must not be shown (see the module docstring). `also`: cells
    hidden for a reason outside this figure, such as a hidden question inside a section.
    Everything runs in sorted order: the same counts give the same hidden figures, whatever
    order the database returned them in. `structure`: a `_Structure` of these very keys,
    when several sets share them."""
    with _no_collection():
        return _suppress(cells, k, also, structure)


class _Structure:
    """What the hiding needs from the keys alone, not from their counts: the order every
    choice follows, the splits and which splits each key is in, and the figures above each
    base cell. Made once for the sets of figures that share their keys (a survey's
    questions answered alike) and used by each."""

    def __init__(self, keys):
        # The keys in the order given, with their ranks: sets aggregated alike come in it.
        self.order = list(keys)
        # Every choice follows the order of the keys' text (repr): ranked once here, not
        # compared as text at every step.
        rank = _ranks(self.order)
        while True:
            self.by_rank = sorted(rank, key=rank.__getitem__)
            missing = self._arrange()
            if not missing:
                break
            # A whole that is no cell of its own: ranked among all of them, and again.
            rank = _ranks({*rank, *missing})
        self.rank = rank
        self.order_rank = np.fromiter(map(rank.__getitem__, self.order), np.int64)
        # The keys that are cells (not a whole made only to be ranked), and their ranks.
        self.is_cell = np.zeros(len(rank), bool)
        self.is_cell[self.order_rank] = True
        self.present_rank = np.flatnonzero(self.is_cell)
        self.present = list(map(self.by_rank.__getitem__, self.present_rank.tolist()))
        # The splits over ranks, for the steps that run in Python: each split as the rank
        # of its whole and its parts' ranks, and for each rank the splits it is in (in
        # rising order: the order in which splits are looked at again depends on it).
        parts = self.part_rank.tolist()
        cuts = (np.flatnonzero(np.diff(self.part_split)) + 1).tolist()
        starts, ends = [0, *cuts], [*cuts, len(parts)]
        self.ranked = (
            [
                (whole, parts[start:end])
                for whole, start, end in zip(self.whole_rank.tolist(), starts, ends, strict=True)
            ]
            if parts
            else []
        )
        size = len(rank)
        splits = np.arange(len(self.whole_rank))
        member_of = _grouped(
            np.concatenate([self.whole_rank, self.part_rank]),
            np.concatenate([splits, self.part_split]),
        )
        part_of = _grouped(self.part_rank, self.part_split)
        self.member_of_rank = [member_of.get(r, ()) for r in range(size)]
        self.part_of_rank = [part_of.get(r, ()) for r in range(size)]

    def _arrange(self) -> list[tuple]:
        """The splits and the figures above each base cell, from the keys as numbers: each
        dimension's values coded (ALL as 0) and a key's codes as one integer, so that the
        key one level up is a subtraction and is found by a sorted search. Returns the
        wholes that are not among the ranked keys (none: arranged)."""
        by_rank = self.by_rank
        width = len(by_rank[0]) if by_rank else 0
        code = np.zeros((len(by_rank), width), np.int64)
        radix = []
        for d in range(width):
            coded = {ALL: 0}
            code[:, d] = [coded.setdefault(key[d], len(coded)) for key in by_rank]
            radix.append(len(coded))
        weight = np.ones(width, np.int64)
        for d in range(width - 2, -1, -1):
            weight[d] = weight[d + 1] * radix[d + 1]
        number = code @ weight
        sorted_at = np.argsort(number)
        sorted_number = number[sorted_at]

        def ranks_of(numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            at = np.minimum(np.searchsorted(sorted_number, numbers), len(sorted_number) - 1)
            return sorted_at[at], sorted_number[at] == numbers

        # Every (part, dimension): the part's rank, the dimension and the whole's rank.
        part, dim = np.nonzero(code)
        whole, found = ranks_of(number[part] - code[part, dim] * weight[dim])
        if not found.all():
            missing = {
                (*by_rank[p][:d], ALL, *by_rank[p][d + 1 :])
                for p, d in zip(part[~found].tolist(), dim[~found].tolist(), strict=True)
            }
            return sorted(missing, key=repr)
        # The splits in the order of (whole, dimension), each with its parts in rank order.
        order = np.lexsort((part, dim, whole))
        part, dim, whole = part[order], dim[order], whole[order]
        starts = np.ones(len(part), bool)
        starts[1:] = (np.diff(whole) != 0) | (np.diff(dim) != 0)
        self.part_split = np.cumsum(starts) - 1
        self.part_rank = part
        self.whole_rank = whole[starts]
        # The base cells in order, and the ranks of the figures above each (one row each:
        # the cell itself and every key with some of its dimensions ALL).
        self.base_rank = np.flatnonzero((code != 0).all(axis=1))
        base_code = code[self.base_rank]
        columns = []
        for chosen in product((False, True), repeat=width):
            drop = np.array(chosen, bool)
            general, found = ranks_of(number[self.base_rank] - base_code[:, drop] @ weight[drop])
            if not found.all():
                raise ValueError("the keys are not a whole lattice: a figure above is missing")
            columns.append(general)
        self.general_rank = (
            np.stack(columns, axis=1) if len(self.base_rank) else np.zeros((0, 1), np.int64)
        )
        return []

    def sizes(self, cells) -> np.ndarray:
        """Each ranked key's number of answers (a whole that is no cell: 0)."""
        sizes = np.zeros(len(self.by_rank), np.int64)
        if list(cells) == self.order:
            # The cells in the order the structure was made from (sets aggregated alike):
            # read as they come, without looking each key up.
            sizes[self.order_rank] = np.fromiter(
                map(attrgetter("n"), cells.values()), np.int64, len(self.order)
            )
        else:
            sizes[self.present_rank] = np.fromiter(
                map(attrgetter("n"), map(cells.__getitem__, self.present)),
                np.int64,
                len(self.present),
            )
        return sizes

    def summed(self, is_hidden: np.ndarray) -> np.ndarray:
        """Which ranked keys are the sum of shown figures: wholes with a split whose parts
        are all shown."""
        hidden_parts = np.bincount(
            self.part_split[is_hidden[self.part_rank]], minlength=len(self.whole_rank)
        )
        summed = np.zeros(len(self.by_rank), bool)
        summed[self.whole_rank[hidden_parts == 0]] = True
        return summed

    def mask(self, keys) -> np.ndarray:
        """Which ranked keys are among `keys`."""
        chosen = np.zeros(len(self.by_rank), bool)
        chosen[np.fromiter((self.rank[key] for key in keys), np.int64, len(keys))] = True
        return chosen


def _suppress(cells: dict[tuple, Figure], k: int, also, structure=None) -> set[tuple]:
    structure = structure or _Structure(cells.keys())
    n_of = structure.sizes(cells)
    # The hidden cells as a mask over the keys' ranks: every step works on ranks, and the
    # keys are looked up only for the answer (and for a cover, rarely needed).
    is_hidden = structure.is_cell & (n_of < k)
    is_hidden |= structure.mask(also & cells.keys())
    audit = _Audit(structure, n_of)
    while True:
        _hide_in_splits(k, structure, n_of, is_hidden)
        exposed = audit.exposed(k, is_hidden)
        hidden = set(map(structure.by_rank.__getitem__, np.flatnonzero(is_hidden).tolist()))
        if not exposed:
            return hidden
        # Every figure given away in this round is covered before the next audit (one
        # elimination a round, not one for each figure: a city's lattice has dozens).
        # A cover may already protect a later one; hiding it too costs a figure, never
        # safety, and the next round checks everything again.
        for key in exposed:
            cover = _cover(cells, hidden, structure, key)
            if cover is not None:
                hidden.add(cover)
                is_hidden[structure.rank[cover]] = True


def _ranks(keys) -> dict[tuple, int]:
    """Each key's place in the order of its text. A tuple's repr is never the beginning
    of another's of the same length, so (rank of the key, d) orders as the repr of the
    pair (key, d) did."""
    return {key: i for i, key in enumerate(sorted(keys, key=repr))}


def _hide_in_splits(k: int, structure: _Structure, n_of: np.ndarray, is_hidden: np.ndarray) -> None:
    """Step 2: every split has no hidden member or at least two (see the docstring).

    Every split is visited once in order, and again (the latest first) when one of its
    members is hidden after its visit. A visit changes something only where the split is
    broken, so every split's hidden parts are counted at once (as arrays) and only the
    broken ones are visited, together with those a newly hidden member reaches before
    their turn: the visits that change anything, in the same order, so the same cells are
    hidden as when every split was visited."""
    splits, member_of, part_of = structure.ranked, structure.member_of_rank, structure.part_of_rank
    size = len(splits)
    hidden_parts = is_hidden[structure.part_rank]
    of_split = structure.part_split[hidden_parts]
    count_of = np.bincount(of_split, minlength=size)
    answers_of = np.bincount(
        of_split, weights=n_of[structure.part_rank[hidden_parts]], minlength=size
    ).astype(np.int64)
    whole_hidden = is_hidden[structure.whole_rank]
    broken = np.where(
        whole_hidden,
        count_of == 0,
        (count_of > 0) & ~((count_of >= 2) & (answers_of >= k)),
    )
    first_visits = np.flatnonzero(broken).tolist()  # rising: already a heap
    if not first_visits:
        return
    count, answers = count_of.tolist(), answers_of.tolist()
    hid, sizes = is_hidden.tolist(), n_of.tolist()
    # The order parts are hidden in: the smallest first, then the first in the keys' order.
    order = (n_of * len(n_of) + np.arange(len(n_of))).tolist()
    reached = -1  # every split up to this one has had its first visit
    again: list[int] = []  # visited already, to be looked at again: the latest first
    queued: set[int] = set()
    while True:
        if again:
            index = again.pop()
            queued.discard(index)
        else:
            while first_visits and first_visits[0] <= reached:
                heappop(first_visits)
            if not first_visits:
                return
            index = reached = heappop(first_visits)
        whole, parts = splits[index]
        while True:
            if hid[whole]:
                # A hidden whole is the sum of its parts: one of them must be hidden too.
                if count[index]:
                    break
            elif not count[index] or (count[index] >= 2 and answers[index] >= k):
                break
            shown = [p for p in parts if not hid[p]]
            newly = min(shown, key=order.__getitem__) if shown else whole
            hid[newly] = True
            is_hidden[newly] = True
            n = sizes[newly]
            for other in part_of[newly]:
                count[other] += 1
                answers[other] += n
            for other in member_of[newly]:
                if other > reached:
                    # Not visited yet: visited in its turn, now that it may be broken.
                    heappush(first_visits, other)
                elif other not in queued and other != index:
                    queued.add(other)
                    again.append(other)


def _cover(cells, hidden: set, structure: _Structure, exposed: tuple) -> tuple | None:
    """One more cell to hide for a small figure the shown ones still give away: its smallest
    shown neighbour in a split, else the smallest shown cell overlapping it."""
    neighbours = set()
    for index in structure.member_of_rank[structure.rank[exposed]]:
        whole, parts = structure.ranked[index]
        neighbours.add(whole)
        neighbours.update(parts)
    rank = structure.rank
    shown = [c for c in map(structure.by_rank.__getitem__, neighbours) if c not in hidden]
    if not shown:
        shown = [c for c in cells if c not in hidden and _overlap(c, exposed)]
    if not shown:
        # A cover hidden earlier in this round took the last figure that holds it: no
        # shown figure has it in its sum any more, so none can give it away.
        return None
    # Sorted by size, then by key: the choice does not depend on the order of `cells`.
    return min(shown, key=lambda c: (cells[c].n, rank[c]))


def _overlap(a: tuple, b: tuple) -> bool:
    return all(x == y or ALL in (x, y) for x, y in zip(a, b, strict=True))


# Ranks over this prime field equal ranks over the rationals for these 0/1 rows except in
# cases vanishingly rare at this size (a minor divisible by 2**61 - 1).
_PRIME = 2**61 - 1


class _Audit:
    """Whether the shown figures, in any combination of sums and differences, pin down a
    hidden figure of fewer than k answers, or the sum of two hidden figures that together
    have fewer than k. Every figure is a sum of base cells; the shown base cells are known,
    so only the hidden ones are unknowns.

    Gaussian elimination over the shown figures' rows leaves some unknowns free. A random
    solution of the shown figures with nothing known (a null-space vector) moves every
    unknown that could still be anything; a sum of unknowns that two such vectors leave at
    zero is pinned down by the shown figures. A chance zero only hides one figure more than
    needed (probability 1 in 2**122); a pinned sum is never missed. The vectors come from a
    fixed seed, so the same counts always hide the same figures."""

    def __init__(self, structure: _Structure, n_of: np.ndarray):
        self.structure = structure
        self.n_of = n_of

    def exposed(self, k: int, is_hidden: np.ndarray) -> list[tuple]:
        """The small hidden figures the shown ones give away (alone, or as the sum of two),
        smallest first; none: nothing is. `is_hidden`: the hidden cells as a mask over the
        keys' ranks."""
        structure, n_of = self.structure, self.n_of
        # The unknowns: the hidden base cells in order (their index i), and above each the
        # figures whose sums hold it.
        unknown = is_hidden[structure.base_rank]
        above = structure.general_rank[unknown]
        if not len(above):
            return []
        index = np.broadcast_to(np.arange(len(above))[:, None], above.shape)
        # The small hidden figures, smallest first, then in the keys' order.
        is_small = is_hidden & (n_of > 0) & (n_of < k)
        candidates = np.flatnonzero(is_small)
        small_ranks = candidates[np.lexsort((candidates, n_of[candidates]))].tolist()
        by_rank = structure.by_rank
        small = list(map(by_rank.__getitem__, small_ranks))
        # Each shown figure's row of unknowns (in rising order), and each small hidden
        # figure's unknowns (the shown base cells are known numbers).
        shown = ~is_hidden[above] & ~structure.summed(is_hidden)[above]
        rows = set(_grouped(above[shown], index[shown]).values())
        small_above = is_small[above]
        inside_of, inside_index = above[small_above], index[small_above]
        basis: dict[int, dict[int, int]] = {}
        for row in sorted(rows, key=lambda r: (len(r), r)):
            reduced = _reduce(dict.fromkeys(row, 1), basis)
            if reduced:
                pivot = min(reduced)
                if reduced[pivot] == 1:  # most rows: already scaled
                    basis[pivot] = reduced
                else:
                    inverse = pow(reduced[pivot], _PRIME - 2, _PRIME)
                    basis[pivot] = {v: c * inverse % _PRIME for v, c in reduced.items()}
        vectors = _null_vectors(basis, len(above))
        # Each small figure's signature: the sum of the vectors over its unknowns. Most
        # hold one unknown (its value is the signature); none: it is known, zero.
        small_rank = np.array(small_ranks, np.int64)
        held = np.bincount(inside_of, minlength=len(is_hidden))[small_rank]
        single = np.zeros(len(is_hidden), np.int64)
        single[inside_of] = inside_index
        signature = np.zeros((2, len(small_rank)), np.int64)
        alone = held == 1
        for row, vector in zip(signature, vectors, strict=True):
            row[alone] = np.array(vector, np.int64)[single[small_rank[alone]]]
        several = np.flatnonzero(held > 1)
        if len(several):
            inside = _grouped(inside_of, inside_index)
            for j in several.tolist():
                ids = inside[small_ranks[j]]
                for row, vector in zip(signature, vectors, strict=True):
                    row[j] = sum(vector[i] for i in ids) % _PRIME
        known = (signature[0] == 0) & (signature[1] == 0)
        exposed = [small[j] for j in np.flatnonzero(known).tolist()]
        # Two small figures whose signatures are opposite add up to a known sum.
        opposite = (_PRIME - signature) % _PRIME
        hashed, wanted = _hashed(signature), _hashed(opposite)
        order = np.argsort(hashed, kind="stable")
        first = np.searchsorted(hashed[order], wanted, "left")
        last = np.searchsorted(hashed[order], wanted, "right")
        # Every pair with equal hashes at once, then only the pairs that really match.
        js = np.flatnonzero(~known & (last > first))
        counts = (last - first)[js]
        j_of = np.repeat(js, counts)
        place = np.arange(len(j_of)) - np.repeat(np.cumsum(counts) - counts, counts)
        other_of = order[np.repeat(first[js], counts) + place]
        small_n = n_of[small_rank]
        match = (
            (signature[0][other_of] == opposite[0][j_of])
            & (signature[1][other_of] == opposite[1][j_of])
            & (small_n[j_of] + small_n[other_of] < k)
        )
        found = -1
        for j, other in zip(j_of[match].tolist(), other_of[match].tolist(), strict=True):
            if j != found and not _overlap(small[j], small[other]):
                exposed.append(small[j])
                found = j
        return exposed


def _hashed(signature: np.ndarray) -> np.ndarray:
    """One 64-bit number for each pair of signature values, so that equal pairs are found by
    sorting; equal numbers are then checked value by value."""
    first, second = signature.astype(np.uint64)
    return first * np.uint64(0x9E3779B97F4A7C15) ^ second


def _grouped(keys: np.ndarray, values: np.ndarray) -> dict[int, tuple]:
    """{key: the values that come with it, in rising order} for two arrays side by side."""
    if not len(keys):
        return {}
    order = np.lexsort((values, keys))
    keys, values = keys[order], values[order]
    cuts = (np.flatnonzero(np.diff(keys)) + 1).tolist()
    values = values.tolist()
    starts = [0, *cuts]
    ends = [*cuts, len(values)]
    return {
        key: tuple(values[start:end])
        for key, start, end in zip(keys[starts].tolist(), starts, ends, strict=True)
    }


def _null_vectors(basis: dict[int, dict[int, int]], size: int) -> list[list[int]]:
    """Two random x with every eliminated row times x = 0: every unknown at random (from a
    seed fixed by the size), then each pivot worked out from the unknowns after it (its row
    holds only those), the last pivot first."""
    vectors = np.random.default_rng(size).integers(1, _PRIME, (2, size), np.int64).tolist()
    pivots = [
        (pivot, tuple(basis[pivot]), tuple(basis[pivot].values()))
        for pivot in sorted(basis, reverse=True)
    ]
    for x in vectors:
        for pivot, unknowns, coefficients in pivots:
            # The row holds the pivot with coefficient 1: its random start cancels out.
            x[pivot] = (x[pivot] - sum(map(mul, coefficients, map(x.__getitem__, unknowns)))) % (
                _PRIME
            )
    return vectors


def _reduce(row: dict[int, int], basis: dict[int, dict[int, int]]) -> dict[int, int]:
    # A basis row holds only unknowns after its pivot, so the pivots met come in rising
    # order: a heap of them, rather than the row searched again after every subtraction.
    pivots = [v for v in row if v in basis]
    heapify(pivots)
    while pivots:
        v = heappop(pivots)
        factor = row.get(v)
        if not factor:  # cancelled by an earlier subtraction, or met twice
            continue
        for w, c in basis[v].items():
            value = (row.get(w, 0) - factor * c) % _PRIME
            if value:
                if w not in row and w in basis:
                    heappush(pivots, w)
                row[w] = value
            else:
                row.pop(w, None)
    return row


def general_key(pattern: tuple) -> Callable[[tuple], tuple]:
    """The key one level up: `pattern` says which dimensions become ALL. Made once per level
    (a lattice's level is a pass over thousands of base cells on every dashboard)."""
    width = len(pattern)
    if width == 1:
        return (lambda key: (ALL,)) if pattern[0] else (lambda key: key)
    # Index `width` of the key padded with ALL picks ALL.
    pick = itemgetter(*(width if rolled else i for i, rolled in enumerate(pattern)))
    pad = (ALL,)
    return lambda key: pick(key + pad)


def roll_up(base: dict[tuple, Figure], pattern: tuple) -> dict[tuple, Figure]:
    """The figures of one level of the lattice, summed from the base cells."""
    general = general_key(pattern)
    level: dict[tuple, Figure] = {}
    if any(figure._counts for figure in base.values()):
        for key, figure in base.items():
            level.setdefault(general(key), Figure()).add(figure)
        return level
    # Plain counts: summed as integers, each figure made once at the end.
    sums: dict[tuple, list[int]] = {}
    for key, figure in base.items():
        above = general(key)
        known = sums.get(above)
        if known is None:
            sums[above] = [figure.n, figure.total, figure.values]
        else:
            known[0] += figure.n
            known[1] += figure.total
            known[2] += figure.values
    return {
        key: Figure(n=n, total=total, values=values) for key, (n, total, values) in sums.items()
    }


@dataclass
class Shown:
    """What a page may print for one figure: either the figure or the reason it is hidden."""

    figure: Figure | None
    hidden: bool
    secondary: bool = False  # hidden although it has enough answers, to protect another
    all_alike: bool = False  # hidden because every answer chose the same option

    @property
    def empty(self) -> bool:
        return not self.hidden and (self.figure is None or self.figure.n == 0)


# What is hidden depends only on the counts per base cell, the threshold and what else must
# hide with them; the same counts always give the same answer. Questions that everyone
# answered share their counts, and past years do not change, so the answer is kept in the
# cache under a digest of the counts. The version changes with the hiding rules.
HIDING_VERSION = 7
_HIDING_CACHE_SECONDS = 7 * 24 * 3600


def _hiding_keys(jobs: dict, k: int) -> dict:
    """{name: cache key} for {name: (base counts, their cells, also)}: a digest of the
    counts in the order of their keys' text, and of `also`. Sets of counts over the same
    keys (a survey's questions) share the ordering and the digest of the keys."""
    orders: dict[frozenset, tuple[list, bytes]] = {}
    text: dict[tuple, str] = {}  # each key's repr, made once

    def repr_of(key: tuple) -> str:
        if key not in text:
            text[key] = repr(key)
        return text[key]

    keys = {}
    for name, (counts, _cells, also) in jobs.items():
        shape = frozenset(counts)
        if shape not in orders:
            order = sorted(counts, key=repr_of)
            orders[shape] = (order, repr([repr_of(key) for key in order]).encode())
        order, named = orders[shape]
        digest = hashlib.sha256(repr((HIDING_VERSION, k)).encode())
        digest.update(hashlib.sha256(named).digest())
        digest.update(np.fromiter((counts[key].n for key in order), np.int64, len(order)))
        digest.update(repr(sorted(map(repr_of, also))).encode())
        keys[name] = f"disclosure-hidden:{digest.hexdigest()}"
    return keys


def suppress_many(jobs: dict, k: int) -> dict:
    """{name: hidden keys} for {name: (base counts, their cells, also)}, through the cache."""
    keys = _hiding_keys(jobs, k)
    with _no_collection():  # thousands of keys unpickled
        known = cache.get_many(set(keys.values()))
    made = {}
    result = {}
    # Sets over the same keys (questions everyone answered alike) share one structure.
    structures: dict[frozenset, _Structure] = {}
    for name, (_counts, cells, also) in jobs.items():
        key = keys[name]
        if key not in known:
            with _no_collection():
                shape = frozenset(cells)
                if shape not in structures:
                    structures[shape] = _Structure(cells.keys())
            known[key] = made[key] = suppress(cells, k, also=set(also), structure=structures[shape])
        result[name] = known[key]
    if made:
        cache.set_many(made, _HIDING_CACHE_SECONDS)
    return result


def unanimous(figure: Figure, below: int) -> bool:
    """Every answer chose the same option, from fewer than `below` people: "all six chose
    the sad face" tells each one's answer, however many six is above `k`."""
    if not below or not figure._counts or not 0 < figure.n < below:
        return False
    chosen = [count for count in figure._counts.values() if count]
    return len(chosen) == 1


class Protected:
    """One lattice of figures with what may be shown of each: `shown(key)`.

    `base` holds the base cells ({key: Figure}, keys of one length, no ALL in them);
    `unanimous_below` hides, besides the small figures, those where everyone chose alike.
    """

    def __init__(
        self,
        base: dict[tuple, Figure],
        *,
        k: int | None = None,
        unanimous_below: int = 0,
        people: dict[tuple, int] | None = None,
    ):
        """`people`: for figures whose parts can share a person (attendance marks over
        months: one person attends in every month), how many different people each
        figure above the base cells really rests on; the sum of the parts would count one
        person twelve times and show a year resting on them alone.

        The hidden cells come from the cache when these counts were seen before (a page
        read again, another reader): then only the figures asked for are added up, a
        level at a time (`_level`), instead of the whole lattice."""
        self.k = k or min_respondents()
        self.base = base
        self.people = people or {}
        self.unanimous_below = unanimous_below
        self._levels: dict[tuple, dict[tuple, Figure]] = {}
        self.cells: dict[tuple, Figure] | None = None
        cache_key = self._cache_key()
        hidden = cache.get(cache_key)
        if hidden is None:
            self.cells = aggregate(base)
            for key, n in self.people.items():
                if key in self.cells:
                    self.cells[key].n = min(self.cells[key].n, n)
            alike = {
                key for key, figure in self.cells.items() if unanimous(figure, unanimous_below)
            }
            hidden = suppress(self.cells, self.k, also=alike)
            cache.set(cache_key, hidden, _HIDING_CACHE_SECONDS)
        self.hidden = hidden

    def _cache_key(self) -> str:
        with_options = self.unanimous_below > 0
        digest = hashlib.sha256(
            repr(
                (
                    "protected",
                    HIDING_VERSION,
                    self.k,
                    self.unanimous_below,
                    sorted(
                        (
                            repr(key),
                            figure.n,
                            sorted((figure._counts or {}).items()) if with_options else None,
                        )
                        for key, figure in self.base.items()
                    ),
                    sorted((repr(key), n) for key, n in self.people.items()),
                )
            ).encode()
        )
        return f"disclosure-protected:{digest.hexdigest()}"

    def _level(self, pattern: tuple) -> dict[tuple, Figure]:
        """Every figure with ALL where `pattern` says so, in one pass over the base."""
        if pattern not in self._levels:
            level = roll_up(self.base, pattern)
            for general, figure in level.items():
                if general in self.people:
                    figure.n = min(figure.n, self.people[general])
            self._levels[pattern] = level
        return self._levels[pattern]

    def figure(self, key: tuple) -> Figure | None:
        if self.cells is not None:
            return self.cells.get(key)
        return self._level(tuple(value == ALL for value in key)).get(key)

    def shown(self, key: tuple) -> Shown:
        figure = self.figure(key)
        if figure is None or figure.n == 0:
            return Shown(figure=None, hidden=False)
        if key in self.hidden:
            # Too few answers is the first reason to give; all alike only above that.
            alike = unanimous(figure, self.unanimous_below) and figure.n >= self.k
            return Shown(
                figure=None,
                hidden=True,
                secondary=figure.n >= self.k and not alike,
                all_alike=alike,
            )
        return Shown(figure=figure, hidden=False)

    def shown_sum(self, keys: list[tuple]) -> Shown:
        """A figure the lattice does not hold, such as two units of the five: the sum of
        shown figures (nothing new to anyone who reads them), hidden if any part is."""
        if len(keys) == 1:
            return self.shown(keys[0])
        total = Figure()
        for key in keys:
            part = self.shown(key)
            if part.hidden:
                return Shown(figure=None, hidden=True, secondary=True)
            if part.figure is not None:
                total.add(part.figure)
        return Shown(figure=total if total.n else None, hidden=False)
