"""The list of proposals and statements: what the councils dashboard counts, for those who
see the councils. Flat in queries, filtered as the dashboard's figures count, a
supervisor's own units' councils alone. Each test sets its own "now"."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from councils.models import Council, Proposal
from reporting import selectors
from socialwork.core.schedules import HELSINKI
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2027, 6, 15, 10, tzinfo=HELSINKI)


def proposal(
    world,
    council,
    title,
    *,
    sent,
    kind=Proposal.Kind.PROPOSAL,
    answered=None,
    deadline=None,
    outcome="",
):
    return Proposal.objects.create(
        council=council,
        kind=kind,
        title=title,
        text="Perustelut.",
        recipient_kind=Proposal.Recipient.MANAGER,
        recipient_user=world.management,
        responsible=world.counsellor,
        status=Proposal.Status.CLOSED if answered else Proposal.Status.SENT,
        sent_at=dt.datetime(*sent, 12, tzinfo=HELSINKI),
        answered_on=dt.date(*answered) if answered else None,
        deadline=dt.date(*deadline) if deadline else None,
        outcome=outcome,
    )


@pytest.fixture
def councils(world):
    mine = Council.objects.create(name="Koivulan asiakasraati", responsible=world.counsellor)
    mine.units.add(world.unit)
    other = Council.objects.create(name="Rantakylän raati", responsible=world.counsellor)
    other.units.add(world.other_unit)
    proposal(
        world,
        mine,
        "Lisää tuoleja",
        sent=(2027, 2, 1),
        answered=(2027, 2, 20),
        outcome=Proposal.Outcome.CHANGED,
    )
    proposal(world, mine, "Aukioloajat", sent=(2027, 5, 2), deadline=(2027, 6, 1))
    proposal(
        world,
        mine,
        "Kannanotto tuesta",
        sent=(2027, 5, 20),
        kind=Proposal.Kind.STATEMENT,
        deadline=(2027, 7, 1),
    )
    proposal(world, mine, "Viime vuoden aloite", sent=(2026, 9, 1))
    proposal(world, other, "Rantakylän asia", sent=(2027, 3, 3))
    Proposal.objects.create(
        council=mine,
        title="Luonnos",
        text="...",
        recipient_kind=Proposal.Recipient.MANAGER,
        responsible=world.counsellor,
    )
    return mine, other


def titles(page) -> list[str]:
    return [p.title for p in page.context["proposals"]]


@time_machine.travel(NOW, tick=False)
def test_every_dashboard_figure_opens_the_proposals_it_counts(world, councils, login):
    client = login(world.supervisor)
    scope = selectors.scope_for(world.supervisor, year=2027, unit=world.unit, programme_id=None)
    section = selectors.councils_section(scope)
    for metric in section.metrics:
        if metric.key == "median_days":
            continue
        page = client.get(metric.link)
        assert page.status_code == 200, metric.key
        assert len(titles(page)) == metric.now.number, metric.key
    [today] = section.comparisons
    assert len(titles(client.get(today.link))) == today.first.number == 3
    # The overdue today: the one whose deadline went by.
    assert titles(client.get(reverse("councils:proposals"), {"overdue": "on"})) == ["Aukioloajat"]
    # Drafts and other units' councils are not in a supervisor's list.
    every = titles(client.get(reverse("councils:proposals")))
    assert "Luonnos" not in every and "Rantakylän asia" not in every and len(every) == 4
    assert "Rantakylän asia" in titles(login(world.management).get(reverse("councils:proposals")))


@time_machine.travel(NOW, tick=False)
def test_bad_search_says_so_and_shows_nothing(world, councils, login):
    client = login(world.supervisor)
    for bad in ({"year": "ei"}, {"unit": world.other_unit.pk}, {"kind": "x"}, {"year": "-5"}):
        page = client.get(reverse("councils:proposals"), bad)
        assert page.status_code == 200
        assert "Tarkista haku" in page.text and not titles(page)


@time_machine.travel(NOW, tick=False)
def test_the_list_takes_the_same_queries_however_many_proposals(world, councils, login):
    client = login(world.management)
    few = count_queries(client, reverse("councils:proposals"))
    mine, other = councils
    for n in range(12):
        proposal(world, other if n % 2 else mine, f"Lisää {n}", sent=(2027, 4, 1 + n))
    assert count_queries(client, reverse("councils:proposals")) == few


@time_machine.travel(NOW, tick=False)
def test_the_list_as_a_spreadsheet_has_the_same_rows_typed(world, councils, login):
    import io

    import openpyxl

    mine, _other = councils
    proposal(world, mine, '=HYPERLINK("http://example.com")', sent=(2027, 6, 1))
    client = login(world.supervisor)
    response = client.get(reverse("councils:proposals"), {"year": 2027, "export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Otsikko" and len(rows) == 1 + 4  # the year's, the supervisor's
    titles_ = [row[0] for row in rows[1:]]
    assert "Rantakylän asia" not in titles_ and "Viime vuoden aloite" not in titles_
    # A title that looks like a formula stays text; the dates are dates.
    assert '\'=HYPERLINK("http://example.com")' in titles_
    chairs = next(row for row in rows if row[0] == "Lisää tuoleja")
    assert chairs[4].date() == dt.date(2027, 2, 1) and chairs[6].date() == dt.date(2027, 2, 20)
    csv = client.get(reverse("councils:proposals"), {"export": "csv"}).content.decode()
    assert "Aukioloajat" in csv and "Rantakylän" not in csv
    # Someone who sees no councils gets no spreadsheet either.
    refused = login(world.expert_coordinator).get(reverse("councils:proposals"), {"export": "csv"})
    assert refused.status_code == 403
