"""Comments waiting to be read: counted on the feedback dashboard where the results page
shows them, marked read on that page by the unit's supervisor, never by the worker the
comments are about. Each test sets its own "now"."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from feedback.models import Answer
from reporting import selectors
from socialwork.core.schedules import HELSINKI
from tests.factories.people import UnitFactory
from tests.feedback.test_results import give, results_url

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 6, 15, 10, 30, tzinfo=HELSINKI)


def waiting(section) -> dict:
    return {row.label: (row.first.text, row.second.text, row.link) for row in section.comparisons}


@pytest.fixture
def comments(world, card, settings):
    """Six cards with comments at the unit (one hidden by staff), two at the other unit:
    too few for its results to show, so its comments are neither shown nor counted. A
    third unit's five cards keep the unit's figures from being hidden with the other's
    (else the whole organisation's total less the unit's would give the two back)."""
    settings.SOCIALWORK_RESULTS_DELAY_HOURS = 0
    with time_machine.travel(NOW, tick=False):
        for n in range(6):
            give(card, unit=world.unit, answers={"q1": 3, "q3": f"Hyvä palvelu {n}"})
        give(card, unit=world.unit, answers={"q1": 2})  # no comment
        Answer.objects.filter(text="Hyvä palvelu 5").update(hidden=True)
        for n in range(2):
            give(card, unit=world.other_unit, answers={"q1": 1, "q3": f"Rantakylä {n}"})
        third = UnitFactory(name="Kolmas toimipiste")
        for _n in range(5):
            give(card, unit=third, answers={"q1": 3})


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_counts_the_comments_a_supervisor_can_read(world, card, comments, login):
    scope = selectors.Scope(year=2027, months=6, unit_ids=[world.unit.pk], supervisor=True)
    section = selectors.feedback_section(scope)
    cards = waiting(section)["Palautekortit"]
    # The figures open the results page of the same instrument, year and unit.
    link = next(m for m in section.metrics if m.key == "cards").link
    assert (
        link == f"{reverse('feedback:results')}?instrument={card.pk}&year=2027&unit={world.unit.pk}"
    )
    assert "Hyvä palvelu 0" in login(world.supervisor).get(link).text
    assert cards[:2] == ("5", "0")
    assert cards[2].startswith(reverse("feedback:results")) and cards[2].endswith("#comments")
    # The whole organisation: the other unit's two are not counted (its results hide them).
    whole = selectors.Scope(year=2027, months=6, unit_ids=None)
    assert waiting(selectors.feedback_section(whole))["Palautekortit"][:2] == ("5", "0")
    page = login(world.supervisor).get(
        reverse("reporting:dashboard", kwargs={"section": "feedback"})
    )
    assert "Kirjalliset kommentit, jotka odottavat lukemista" in page.text


@time_machine.travel(NOW, tick=False)
def test_the_supervisor_marks_comments_read_and_the_count_goes_down(world, card, comments, login):
    client = login(world.supervisor)
    page = client.get(results_url(card, world))
    assert page.text.count(">Uusi<") == 5
    assert "Merkitse tämän sivun 5 uutta kommenttia luetuiksi" in page.text
    one = Answer.objects.select_related("response").get(text="Hyvä palvelu 0")
    response = client.post(
        reverse("feedback:comments_read"),
        {"comment": f"{one.response.key}:{one.item_id}", "next": results_url(card, world)},
    )
    assert response.status_code == 302
    scope = selectors.Scope(year=2027, months=6, unit_ids=[world.unit.pk], supervisor=True)
    assert waiting(selectors.feedback_section(scope))["Palautekortit"][0] == "4"
    # "All on this page": the rest at once.
    unread = Answer.objects.filter(is_read=False, hidden=False, response__unit=world.unit)
    values = [
        f"{a.response.key}:{a.item_id}" for a in unread.exclude(text="").select_related("response")
    ]
    client.post(reverse("feedback:comments_read"), {"comment": values})
    assert len(values) == 4
    assert waiting(selectors.feedback_section(scope))["Palautekortit"][0] == "0"
    assert ">Uusi<" not in client.get(results_url(card, world)).text
    # Unread again, to come back to it.
    client.post(
        reverse("feedback:comments_read"),
        {"comment": f"{one.response.key}:{one.item_id}", "read": "0"},
    )
    assert waiting(selectors.feedback_section(scope))["Palautekortit"][0] == "1"


@time_machine.travel(NOW, tick=False)
def test_the_worker_and_bad_input_mark_nothing(world, card, comments, login):
    one = Answer.objects.select_related("response").get(text="Hyvä palvelu 0")
    value = f"{one.response.key}:{one.item_id}"
    # The counsellor reads the unit's results but does not act on the comments.
    counsellor = login(world.counsellor)
    assert counsellor.post(reverse("feedback:comments_read"), {"comment": value}).status_code == 404
    assert "Merkitse luetuksi" not in counsellor.get(results_url(card, world)).text
    supervisor = login(world.supervisor)
    for bad in (
        "",
        "ei-avain:1",
        f"{one.response.key}:x",
        "00000000-0000-0000-0000-000000000000:1",
    ):
        assert (
            supervisor.post(reverse("feedback:comments_read"), {"comment": bad}).status_code == 404
        )
    assert not Answer.objects.filter(is_read=True).exists()
    anonymous = Client()
    response = anonymous.post(reverse("feedback:comments_read"), {"comment": value})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Answer.objects.filter(is_read=True).exists()
