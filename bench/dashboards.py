"""Benchmark: the dashboards and the feedback results page on ten years of a big city.

    .venv/bin/python bench/dashboards.py              # the whole city (bench/city.py)
    .venv/bin/python bench/dashboards.py --scale 0.1  # a tenth of it, for a quick look

Nothing needs to be set up: without DATABASE_URL / REDIS_URL the embedded servers are
started (as in bench/messaging_reminders.py). The city goes into a throwaway database,
created, migrated, loaded and dropped here.

1. The load: rows per kind and the time (PostgreSQL COPY and bulk inserts).
2. What the beat jobs keep: the groups' figures by month (materialised views) refreshed;
   the dashboards' hidden figures of this year and the last worked out (every ten
   minutes), and of an older year (at night); and the feedback results snapshots of three
   years (what the worker does after answers arrive), the time per instrument and year.
3. For each dashboard (management: the whole organisation; the largest figures) and for
   the satisfaction survey's results page over 20 units x 8 worker colours with the two
   earlier years: the server time of 20 requests through the Django test client (median
   and p95), the time of the same SQL run raw in the same run (every query the page made,
   one after another, median of 20), their ratio, and the number of queries. Targets:
   under 300 ms, at most 1.5x the raw SQL, a query count that does not grow with the data
   (compare --scale 0.1 with the whole city). Also printed: the server time beyond the raw
   SQL in milliseconds, and the time to read and build a dashboard's section anew (the
   first look at new figures; later looks read the figures and find the section kept).
   The first row is a page without figures (the annual reports' list): what every page
   costs beyond its SQL, which bounds the ratio a page with little SQL can reach.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))

REQUESTS = 20


def say(label: str, text: str) -> None:
    print(f"{label:<34} {text}", flush=True)


def timed(fn, times: int) -> list[float]:
    out = []
    for _ in range(times):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(client, url: str, params: dict) -> tuple[list[float], list[str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm: the session, the caches of translations and templates
        response = client.get(url, params)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(url, params)
    queries = [query["sql"] for query in captured.captured_queries]
    return timed(lambda: client.get(url, params), REQUESTS), queries


def raw(queries: list[str]) -> list[float]:
    from django.db import connection

    # The reads: a session's save or a savepoint is the framework's, a DECLARE a server-side
    # cursor's (its SELECT is the figure).
    reads = [sql for sql in queries if sql.lstrip().upper().startswith(("SELECT", "WITH"))]

    def run():
        with connection.cursor() as cursor:
            for sql in reads:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()

    return timed(run, REQUESTS)


def bench(scale: float) -> None:
    import city
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from feedback import services as feedback_services
    from feedback.models import Instrument
    from socialwork.people.models import Role, User

    say("load", f"scale {scale}")
    started = time.perf_counter()
    city.load(scale, say=lambda text: print(text, flush=True))
    say("load", f"{time.perf_counter() - started:.1f} s")

    from groups.services import figures_refresh
    from reporting.services import dashboards_prepare

    started = time.perf_counter()
    figures_refresh()
    say("groups' figures by month", f"refreshed in {time.perf_counter() - started:.1f} s")
    year = timezone.localdate().year
    for years in ([year, year - 1], [year - 5]):
        started = time.perf_counter()
        dashboards_prepare(years=years)
        say(
            f"dashboards prepared {years}",
            f"{time.perf_counter() - started:.1f} s (the figures refreshed and every hidden "
            "one worked out, as the beat job does)",
        )
    for code in ("card", "survey"):
        instrument = Instrument.objects.get(code=code)
        for snapshot_year in (year - 2, year - 1, year):
            started = time.perf_counter()
            snapshot = feedback_services.results_snapshot_make(
                instrument=instrument, year=snapshot_year
            )
            say(
                f"snapshot {code} {snapshot_year}",
                f"{time.perf_counter() - started:6.2f} s, {snapshot.responses} answers, "
                f"{snapshot.cells.count()} figures",
            )

    # Measured as production serves them: no query log, no debug pages.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    manager = User.objects.filter(role_assignments__role=Role.MANAGEMENT).first()
    client = Client()
    client.force_login(manager)
    pages = [
        (
            f"dashboard: {section}",
            reverse("reporting:dashboard", kwargs={"section": section}),
            {"year": year - 1},
        )
        for section in ("groups", "reminders", "feedback", "councils", "experts")
    ]
    # What any page costs beyond its SQL: the session, the roles, the menu, the template.
    pages.insert(0, ("frame: annual reports (no figures)", reverse("reporting:annual"), {}))
    survey = Instrument.objects.get(code="survey")
    pages.append(
        (
            "feedback results (survey, 3 years)",
            reverse("feedback:results"),
            {"instrument": survey.pk, "year": year - 1, "compare": "on"},
        )
    )
    print()
    print(
        f"{'page':<34} {'median':>8} {'p95':>8} {'raw SQL':>8} {'ratio':>6} {'over':>7} "
        f"{'queries':>8} {'built':>8}"
    )
    for label, url, params in pages:
        times, queries = measure(client, url, params)
        sql = raw(queries)
        median, raw_median = statistics.median(times), statistics.median(sql)
        built = section_built(manager, url, params)
        print(
            f"{label:<34} {median * 1000:6.0f}ms {p95(times) * 1000:6.0f}ms "
            f"{raw_median * 1000:6.0f}ms {median / raw_median:6.2f} "
            f"{(median - raw_median) * 1000:5.0f}ms {len(queries):>8} "
            + (f"{built * 1000:6.0f}ms" if built is not None else f"{'–':>8}"),
            flush=True,
        )
    print(
        "\nover: the server time beyond the raw SQL (the page's frame, the session and the "
        "template)\nbuilt: reading and building the section anew, in the process (what the "
        "first look at new figures adds; the page keeps what it built under the figures read)"
    )


def section_built(user, url: str, params: dict) -> float | None:
    """The time to read a dashboard's figures and build its section anew (median of 3), as
    the first look at new figures does; None for a page that is no dashboard."""
    from django.urls import resolve
    from django.utils import translation

    from reporting import selectors

    match = resolve(url)
    if match.url_name != "dashboard":
        return None
    kind = selectors.SECTIONS[match.kwargs["section"]]
    with translation.override("fi"):
        scope = selectors.scope_for(user, year=params["year"], unit=None, programme_id=None)
        times = timed(lambda: [m.chart(scope) for m in kind.make(scope).metrics], 3)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="of the city (1.0)")
    args = parser.parse_args()
    from throwaway import throwaway_database

    with throwaway_database(say):
        bench(args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
