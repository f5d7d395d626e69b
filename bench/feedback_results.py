"""Benchmark: the hiding of small figures on the feedback results page
(socialwork/core/disclosure.py, used by feedback/results.py).

    .venv/bin/python bench/feedback_results.py
    .venv/bin/python bench/feedback_results.py --repeat 5

The page counts answers in SQL per unit x worker colour x month x campaign, then hides every
figure under MIN_RESPONDENTS and every figure from which one could be worked out, checking
the shown figures together by Gaussian elimination. That last part is pure Python and grows
with the organisation, so it is measured here on organisations of growing size, with no
database table touched (the cache is the configured one, as on the page): one year of
answers spread over the units, their workers' colours (and answers without a colour),
twelve months and one campaign month, with many small cells, as a real year has.

Printed per organisation: base cells, figures, hidden figures, the time for one question's
figures (median of --repeat runs), a whole satisfaction-survey page the first time after
new answers (20 sets of figures over the same keys, each question skipped by a few: the
sets share what depends on the keys alone), three times that for a page compared with two
earlier years (past years do not change and come from the cache after their first
showing), and the same page again with the hiding taken from the cache.

    .venv/bin/python bench/feedback_results.py --against 52754d9

also makes the same pages with the hiding of an earlier commit (its
socialwork/core/disclosure.py, each set alone, as the page did then) in the same run, and
prints how many times faster the hiding is now: this machine's speed changes from hour to
hour, so only a comparison within one run means much. 52754d9 is the hiding as it was when
the dashboards' issue asked for it to become ten times faster.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

SURVEY_FIGURE_SETS = 20


def organisation(rng: random.Random, units: int, colours: int) -> dict:
    from socialwork.core.disclosure import Figure

    base = {}
    for u in range(units):
        for code in [f"u{u}c{i}" for i in range(colours)] + [None]:
            # A worker's answers a month: often none or a few, sometimes more.
            for month in range(1, 13):
                campaign = "survey" if month == 11 else None
                n = rng.choice([0, 0, 1, 1, 2, 3, 4, 5, 6, 8, 12, 20])
                if n:
                    base[(f"u{u}", code, month, campaign)] = Figure(n=n)
    return base


def earlier_hiding(commit: str):
    """socialwork/core/disclosure.py as it was at `commit`, loaded as a module of its own."""
    import importlib.util
    import subprocess
    import tempfile

    source = subprocess.run(
        ["git", "show", f"{commit}:socialwork/core/disclosure.py"],
        cwd=BASE_DIR,
        capture_output=True,
        check=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "disclosure_earlier.py"
    path.write_bytes(source)
    spec = importlib.util.spec_from_file_location("disclosure_earlier", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", help="a commit whose hiding to time on the same pages")
    args = parser.parse_args()
    # Only the code is needed, not a database or a secret: the development settings do.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialwork.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.core.cache import cache

    from socialwork.core.disclosure import Figure, aggregate, suppress, suppress_many

    earlier = earlier_hiding(args.against) if args.against else None
    print(
        f"{'units x colours':<16} {'base':>6} {'figures':>8} {'hidden':>7} "
        f"{'one set':>9} {'page':>8} {'compared':>9} {'again':>8}"
        + (f" {'earlier':>8} {'faster':>7}" if earlier else "")
    )
    rng = random.Random(2026)
    for units, colours in ((1, 4), (3, 5), (10, 6), (20, 8)):
        base = organisation(rng, units, colours)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            cells = aggregate(base)
            hidden = suppress(cells, 5)
            times.append(time.perf_counter() - started)
        one = statistics.median(times)
        # A page: the survey's 20 sets of figures, each question answered by nearly the
        # same people (a few skipped it: counts one lower here and there, the same keys),
        # none of them in the cache yet.
        jobs = {}
        for number in range(SURVEY_FIGURE_SETS):
            variant = {
                key: Figure(n=figure.n - (figure.n > 1 and rng.random() < 0.1))
                for key, figure in base.items()
            }
            jobs[number] = (variant, aggregate(variant), frozenset())
        cache.clear()
        started = time.perf_counter()
        suppress_many(jobs, 5)
        page = time.perf_counter() - started
        # The page again: its hiding is in the cache.
        started = time.perf_counter()
        suppress_many(jobs, 5)
        warm = time.perf_counter() - started
        then = ""
        if earlier:
            # The same 20 sets, each hidden alone by the earlier code (aggregated beforehand,
            # as above: only the hiding is timed).
            sets = [
                earlier.aggregate({key: earlier.Figure(n=f.n) for key, f in variant.items()})
                for variant, _cells, _also in jobs.values()
            ]
            started = time.perf_counter()
            for earlier_cells in sets:
                earlier.suppress(earlier_cells, 5)
            before = time.perf_counter() - started
            then = f" {before:>7.2f}s {before / page:>6.1f}x"
        print(
            f"{f'{units} x {colours}':<16} {len(base):>6} {len(cells):>8} {len(hidden):>7} "
            f"{one * 1000:>7.0f}ms {page:>7.2f}s {page * 3:>8.2f}s {warm * 1000:>6.0f}ms" + then
        )


if __name__ == "__main__":
    main()
