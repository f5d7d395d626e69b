"""Results are computed ahead of the page: a worker makes a year's snapshot (figures and
hidden cells together) when answers have changed, and the page shows the last complete one,
saying so while newer answers are being counted."""

import pytest
from django.urls import reverse

from feedback import services
from feedback.models import Instrument, ResultsCell, ResultsSnapshot
from feedback.report import results_for
from feedback.results import ALL, Results
from feedback.selectors import version_current
from tests.feedback.test_results import give

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_delay(settings):
    settings.SOCIALWORK_RESULTS_DELAY_HOURS = 0


def cards(world, values, unit=None):
    card = Instrument.objects.get(code="card")
    for value in values:
        give(card, unit=unit or world.unit, answers={"q1": value})
    return card


def test_a_big_year_is_counted_by_the_worker_and_the_page_shows_the_last_one(
    world, login, settings
):
    from django.utils import timezone

    settings.RESULTS_INLINE_MAX_ANSWERS = 0  # every year is "big"
    year = timezone.localdate().year
    card = cards(world, [3, 3, 2, 2, 1, 1])
    client = login(world.supervisor)
    url = reverse("feedback:results")
    query = {"instrument": card.pk, "year": year, "unit": world.unit.pk}
    first = client.get(url, query)
    assert first.status_code == 200
    assert first.context["report"].freshness.pending
    assert "Lukuja lasketaan" in first.text
    assert services.results_refresh_due(years=[year - 1, year]) >= 1
    ready = client.get(url, query).context["report"]
    assert not ready.freshness.recomputing and ready.answers[-1].n == 6
    # Four more answers: the page still shows the six, and says newer ones are counted.
    cards(world, [3, 3, 3, 1])
    waiting = client.get(url, query).context["report"]
    assert waiting.freshness.recomputing and waiting.answers[-1].n == 6
    services.results_refresh_due(years=[year])
    assert client.get(url, query).context["report"].answers[-1].n == 10
    # One snapshot per year: the old one went with the new one's commit.
    assert ResultsSnapshot.objects.filter(instrument=card, year=year).count() == 1


def test_the_stored_figures_are_the_ones_computed_on_the_spot(world):
    from django.utils import timezone

    year = timezone.localdate().year
    card = cards(world, [3, 3, 2, 2, 1, 1, 2])
    cards(world, [3, 1], unit=world.other_unit)
    items = list(version_current(card).items.all())
    here = Results(card.pk, items, [year])
    stored, freshness = results_for(card, items, [year])
    assert not freshness.recomputing and not freshness.pending
    keys = [
        (unit, ALL, month, ALL)
        for unit in (ALL, world.unit.pk, world.other_unit.pk)
        for month in (ALL, timezone.localdate().month)
    ]
    stored.prefetch({year: keys})
    for item in items:
        for key in keys:
            a, b = here.get(year, item.fingerprint, key), stored.get(year, item.fingerprint, key)
            assert a.hidden == b.hidden, (item.fingerprint, key)
            assert (a.figure.n if a.figure else 0) == (b.figure.n if b.figure else 0)
            if a.figure:
                assert dict(a.figure.counts) == dict(b.figure.counts)
    # The other unit's two answers are hidden in the store as they are on the spot.
    assert stored.shown_n(year, (world.other_unit.pk, ALL, ALL, ALL)).hidden
    assert ResultsCell.objects.filter(hidden=True).exists()
