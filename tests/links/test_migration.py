"""The move onto links without a login keeps every address that was handed out: a printed
campaign sheet, a calendar that subscribed, a code on the screen."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.utils import visitor

BEFORE = [
    ("feedback", "0004_random_keys_and_pending_slips"),
    ("groups", "0005_enrolment_client_removable"),
]


@pytest.mark.django_db(transaction=True)
def test_tokens_handed_out_before_the_move_open_the_same_things_after(world, client):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    unit = old.get_model("people", "Unit").objects.get(pk=world.unit.pk)
    instrument = old.get_model("feedback", "Instrument").objects.get(code="survey")
    campaign = old.get_model("feedback", "Campaign").objects.create(
        instrument=instrument,
        unit=unit,
        year=timezone.localdate().year,
        month=timezone.localdate().month,
        channels=["web"],
        token="abcdefghjk",
    )
    # Before 23.11.2026 a survey link had 22 URL-safe characters, printed as they are.
    early = old.get_model("feedback", "Campaign").objects.create(
        instrument=instrument,
        unit=unit,
        year=timezone.localdate().year - 1,
        month=timezone.localdate().month,
        channels=["web"],
        token="Ab-dE_f9GhIjKlMnOpQrSt",
    )
    user = old.get_model("people", "User").objects.get(pk=world.counsellor.pk)
    feed = old.get_model("groups", "CalendarFeed").objects.create(user=user, token="Q" * 43)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from feedback.models import Campaign
    from groups.models import CalendarFeed
    from socialwork.links.services import link_open

    moved = Campaign.objects.get(pk=campaign.pk)
    assert moved.token == "abcdefghjk"
    assert link_open(visitor(), purpose="survey", token="ABCDEFGHJK").campaign == moved
    assert Campaign.objects.get(pk=early.pk).token == "Ab-dE_f9GhIjKlMnOpQrSt"
    assert client.get("/s/Ab-dE_f9GhIjKlMnOpQrSt/").status_code == 410  # found: last year's
    assert client.get("/s/ab-de_f9ghijklmnopqrst/").status_code == 404  # exactly as printed
    assert CalendarFeed.objects.get(pk=feed.pk).token == "Q" * 43
    assert link_open(visitor(), purpose="calendar-feed", token="Q" * 43).calendar_feed.pk == feed.pk
