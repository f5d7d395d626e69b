"""Making results snapshots (feedback.models.results): the figures of an instrument's year
with their hidden cells, worked out once after answers arrive rather than on every page.

A beat job (`results_refresh_due`) looks every few minutes for years whose count of
countable answers differs from their snapshot's (new answers, or answers that have become
old enough to count) and makes those again: a burst of answers makes one snapshot, not one
each. A small year is made at once by the page that needs it, which is quicker than
waiting for the job."""

import datetime as dt
import logging
import time

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from feedback.models import Instrument, ResultsCell, ResultsSnapshot
from feedback.results import Results, cell_key, fresh_before

logger = logging.getLogger(__name__)
RESULTS_LOCK = 7301  # the advisory locks' first key: "making results snapshots"

# Countable answers per year, by the same rule as the figures: a campaign's answers belong
# to the campaign's year, any other answer to the year it was given in. The two kinds are
# counted apart, each through its own index (one condition with OR read every answer of
# every year: 70 ms on a city's 200 000, on every results page and report).
_COUNT_SQL = """
SELECT year, sum(n)::int FROM (
    SELECT extract(year FROM r.submitted_hour AT TIME ZONE %(tz)s)::int AS year, count(*) AS n
    FROM feedback_response r
    JOIN feedback_instrumentversion v ON v.id = r.version_id
    WHERE v.instrument_id = %(instrument)s AND r.campaign_id IS NULL
      AND r.submitted_hour >= %(start)s AND r.submitted_hour < %(end)s
      AND r.submitted_hour < %(fresh)s
    GROUP BY 1
    UNION ALL
    SELECT c.year, count(*)
    FROM feedback_response r
    JOIN feedback_instrumentversion v ON v.id = r.version_id
    JOIN feedback_campaign c ON c.id = r.campaign_id
    WHERE v.instrument_id = %(instrument)s AND c.year = ANY (%(years)s)
      AND r.submitted_hour < %(fresh)s
    GROUP BY 1
) counted
GROUP BY 1
"""


def responses_counted(instrument_id: int, years: list[int], *, fresh=None) -> dict[int, int]:
    tz = timezone.get_default_timezone()
    params = {
        "instrument": instrument_id,
        "fresh": fresh or fresh_before(),
        "tz": settings.TIME_ZONE,
        "start": dt.datetime(min(years), 1, 1, tzinfo=tz),
        "end": dt.datetime(max(years) + 1, 1, 1, tzinfo=tz),
        "years": list(years),
    }
    with connection.cursor() as cursor:
        cursor.execute(_COUNT_SQL, params)
        counted = dict(cursor.fetchall())
    return {year: counted.get(year, 0) for year in years}


def _items(instrument: Instrument) -> list:
    from feedback.selectors import version_current

    version = version_current(instrument)
    return list(version.items.all()) if version else []


def results_snapshot_make(*, instrument: Instrument, year: int) -> ResultsSnapshot | None:
    """The year's figures made again, stored whole or not at all. Two workers never make
    the same year at once: the second one leaves it to the first (None)."""
    items = _items(instrument)
    if not items:
        return None
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_try_advisory_xact_lock(%s, %s)",
                [RESULTS_LOCK, instrument.pk * 10000 + year],
            )
            if not cursor.fetchone()[0]:
                return None
        fresh = fresh_before()
        results = Results(instrument.pk, items, [year], fresh=fresh)
        snapshot = ResultsSnapshot.objects.create(
            instrument=instrument,
            year=year,
            fingerprints=sorted({item.fingerprint for item in items}),
            counted_before=fresh,
            responses=responses_counted(instrument.pk, [year], fresh=fresh)[year],
        )
        ResultsCell.objects.bulk_create(
            (
                ResultsCell(
                    snapshot=snapshot,
                    metric=metric,
                    key=cell_key(key),
                    n=figure.n,
                    total=figure.total or 0,
                    values=figure.values,
                    counts={str(value): count for value, count in figure.counts.items()},
                    hidden=hidden,
                )
                for metric, key, figure, hidden in results.cells(year)
            ),
            batch_size=5000,
        )
        # The older snapshots of the year go with the same commit: a reader sees one or the
        # other, never neither.
        ResultsSnapshot.objects.filter(instrument=instrument, year=year).exclude(
            pk=snapshot.pk
        ).delete()
        snapshot.seconds = time.perf_counter() - started
        snapshot.save(update_fields=["seconds"])
    logger.info(
        "results snapshot %s/%s: %s answers in %.2f s",
        instrument.pk,
        year,
        snapshot.responses,
        snapshot.seconds,
    )
    return snapshot


def results_stale_years(instrument: Instrument, years: list[int]) -> list[int]:
    """The years whose snapshot is missing or counts other answers than there are now."""
    latest = {
        snapshot.year: snapshot
        for snapshot in ResultsSnapshot.objects.filter(instrument=instrument, year__in=years)
    }
    counted = responses_counted(instrument.pk, years)
    return [year for year in years if year not in latest or latest[year].responses != counted[year]]


def results_refresh_due(*, years: list[int] | None = None) -> int:
    """Every instrument's snapshots of this year and the last, made again where answers
    have changed. Returns how many were made."""
    this_year = timezone.localdate().year
    years = years or [this_year - 1, this_year]
    made = 0
    for instrument in Instrument.objects.order_by("pk"):
        for year in results_stale_years(instrument, years):
            if results_snapshot_make(instrument=instrument, year=year) is not None:
                made += 1
    return made
