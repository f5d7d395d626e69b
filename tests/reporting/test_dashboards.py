"""The groups dashboard as supervisors and management read it: who sees which units, what
is hidden (and that it is hidden alike for everyone), the year before, bad choices and a
query count that does not grow with the data. Each test sets its own "now"."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from groups.models import Attendance, Enrolment
from groups.services import figures_refresh
from reporting import selectors
from socialwork.core.schedules import HELSINKI
from tests.factories.groups import EnrolmentFactory, make_run
from tests.factories.people import ClientFactory
from tests.utils import count_queries

NOW = dt.datetime(2027, 6, 15, 10, tzinfo=HELSINKI)
MARCH = dt.date(2027, 3, 1)


def run_with(world, unit, facilitator, *, completed=0, left=0, ongoing=0, starts_on=MARCH):
    run = make_run(unit=unit, facilitators=[facilitator], starts_on=starts_on)
    outcomes = (
        [Enrolment.Status.COMPLETED] * completed
        + [Enrolment.Status.DROPPED_OUT] * left
        + [Enrolment.Status.STARTED] * ongoing
    )
    for status in outcomes:
        EnrolmentFactory(run=run, client=ClientFactory(unit=unit), status=status)
    return run


def figures(section) -> dict:
    return {metric.key: metric for metric in section.metrics}


def scope(world, unit_ids, year=2027):
    return selectors.Scope(year=year, months=6, unit_ids=unit_ids)


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_small_outcome_is_hidden_and_cannot_be_worked_out_from_the_organisation(world):
    run_with(world, world.unit, world.counsellor, completed=4, left=2)
    run_with(world, world.other_unit, world.other_counsellor, completed=7, left=5)
    own = figures(selectors.groups_section(scope(world, [world.unit.pk])))
    assert own["participants:started"].now.number == 6
    assert own["participants:completed"].now.hidden and own["participants:left"].now.hidden
    other = figures(selectors.groups_section(scope(world, [world.other_unit.pk])))
    whole = figures(selectors.groups_section(scope(world, None)))
    assert whole["participants:started"].now.number == 18
    # 4 completed in the supervisor's unit: the organisation's 11 and the other unit's 7
    # are never both shown, or 11 - 7 would give the 4 back.
    for label in ("participants:completed", "participants:left"):
        assert whole[label].now.hidden or other[label].now.hidden, label


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_year_before_is_the_same_months_and_attendance_is_a_rate(world):
    run = run_with(world, world.unit, world.counsellor, completed=6)
    run_with(world, world.unit, world.counsellor, completed=5, starts_on=dt.date(2026, 2, 1))
    # A group of the year before that started after mid-June is not "the same months".
    run_with(world, world.unit, world.counsellor, completed=9, starts_on=dt.date(2026, 9, 1))
    held = [s for s in run.sessions.order_by("starts_at") if s.starts_at < NOW][:2]
    enrolments = list(run.enrolments.all())
    for session in held:
        for n, enrolment in enumerate(enrolments):
            Attendance.objects.update_or_create(
                session=session,
                enrolment=enrolment,
                defaults={
                    "status": Attendance.Status.PRESENT if n < 3 else Attendance.Status.ABSENT
                },
            )
    figures_refresh()  # the beat job's: attendance is read from the figures by month
    shown = figures(selectors.groups_section(scope(world, [world.unit.pk])))
    started = shown["participants:started"]
    assert (started.now.number, started.before.number) == (6, 5)
    assert started.change == "+1"
    assert started.months_now[2].number == 6 and started.months_before[1].number == 5
    assert shown["attendance"].now.text == "50 %"
    assert shown["attendance"].before.number is None


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_supervisor_reads_their_units_and_management_the_whole_organisation(world, login):
    run_with(world, world.unit, world.counsellor, completed=6)
    run_with(world, world.other_unit, world.other_counsellor, completed=8)
    url = reverse("reporting:dashboard", kwargs={"section": "groups"})
    page = login(world.supervisor).get(url, {"year": 2027})
    assert page.status_code == 200
    assert page.context["section"].metrics[0].link.startswith(reverse("groups:run_list"))
    started = figures(page.context["section"])["participants:started"]
    assert started.now.number == 6
    # Another unit is not theirs to choose: the page says so and shows their own.
    refused = login(world.supervisor).get(url, {"year": 2027, "unit": world.other_unit.pk})
    assert "Tätä valintaa ei voi tehdä" in refused.text
    assert figures(refused.context["section"])["participants:started"].now.number == 6
    whole = login(world.management).get(url, {"year": 2027})
    assert figures(whole.context["section"])["participants:started"].now.number == 14
    # Management has no run list to open: its figures link nowhere.
    assert not whole.context["section"].metrics[0].link
    chosen = login(world.management).get(url, {"year": 2027, "unit": world.other_unit.pk})
    assert figures(chosen.context["section"])["participants:started"].now.number == 8
    for persona in ("counsellor", "expert_coordinator", "administrator"):
        assert login(world.persona(persona)).get(url).status_code == 403
    assert (
        login(world.management)
        .get(reverse("reporting:dashboard", kwargs={"section": "nothing"}))
        .status_code
        == 404
    )


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_page_draws_each_figure_as_a_chart_with_its_table_in_finnish(world, login):
    run_with(world, world.unit, world.counsellor, completed=6)
    page = login(world.supervisor).get(reverse("reporting:home"), {"year": "2027"})
    assert page.text.count('role="img"') == len(page.context["section"].metrics)
    assert "<title id=" in page.text and "<desc id=" in page.text
    assert "Aloittaneet osallistujat" in page.text and "Läsnäoloaste" in page.text
    bad = login(world.supervisor).get(reverse("reporting:home"), {"year": "kaksi"})
    assert bad.status_code == 200 and 'role="alert"' in bad.text


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_dashboard_takes_the_same_queries_as_the_data_grows(world, login):
    run_with(world, world.unit, world.counsellor, completed=6)
    client = login(world.management)
    url = reverse("reporting:home")
    few = count_queries(client, url, year=2027)
    for month in (1, 2, 4, 5):
        run_with(
            world,
            world.other_unit,
            world.other_counsellor,
            completed=3,
            left=4,
            starts_on=dt.date(2027, month, 1),
        )
    assert count_queries(client, url, year=2027) == few


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_worker_works_out_the_hidden_figures_the_page_then_reads(world, login, monkeypatch):
    """The beat job refreshes the figures and hides what must be hidden; the page reads
    what it made and works out nothing itself (which takes seconds on a city's data)."""
    from reporting import tasks
    from socialwork.core import disclosure

    run_with(world, world.unit, world.counsellor, completed=4, left=2)
    run_with(world, world.other_unit, world.other_counsellor, completed=7, left=5)
    tasks.prepare_dashboards()

    def worked_out_in_the_request(*args, **kwargs):
        raise AssertionError("the page worked out hidden figures itself")

    monkeypatch.setattr(disclosure, "suppress", worked_out_in_the_request)
    for section in ("groups", "reminders"):
        page = login(world.supervisor).get(
            reverse("reporting:dashboard", kwargs={"section": section})
        )
        assert page.status_code == 200
    groups = figures(selectors.groups_section(scope(world, [world.unit.pk])))
    assert groups["participants:started"].now.number == 6
    assert groups["participants:completed"].now.hidden


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_figures_list_is_also_a_spreadsheet_of_the_same_groups(world, login):
    import io

    import openpyxl

    run_with(world, world.unit, world.counsellor, completed=6)
    run_with(world, world.unit, world.counsellor, completed=3, starts_on=dt.date(2027, 4, 6))
    run_with(world, world.other_unit, world.other_counsellor, completed=8)
    client = login(world.supervisor)
    page = client.get(reverse("reporting:dashboard", kwargs={"section": "groups"}))
    planned = figures(page.context["section"])["runs:planned"]
    response = client.get(planned.link + "&export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Ryhmä", "Toimintamalli", "Yksikkö")
    assert len(rows) - 1 == planned.now.number == 2  # their unit's, not the other's
    assert {row[2] for row in rows[1:]} == {world.unit.name}
    assert rows[1][3].date() in (MARCH, dt.date(2027, 4, 6))


def summary_row(page, label: str) -> str:
    """The period's figure of one row of the summary table, as printed."""
    import re

    table = page.text.split('id="summary"', 1)[1].split("</table>", 1)[0]
    row = re.search(rf"{re.escape(label)}(?:</a>)?</th>\s*<td[^>]*>([^<]*)<", table)
    assert row, label
    return row.group(1).strip()


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_same_figures_are_not_built_again_and_a_change_shows_at_once(world, login, monkeypatch):
    """The section built from the figures is kept under what they were read from: another
    look (by anyone who reads the same units) only reads the figures; a new figure, another
    language or other units are built anew."""
    from dataclasses import replace

    built = []
    kind = selectors.SECTIONS["groups"]

    def build(scope, figures=None):
        built.append(scope)
        return kind.build(scope, figures)

    monkeypatch.setitem(selectors.SECTIONS, "groups", replace(kind, build=build))
    run_with(world, world.unit, world.counsellor, completed=6)
    url = reverse("reporting:dashboard", kwargs={"section": "groups"})
    supervisor = login(world.supervisor)
    first = supervisor.get(url, {"year": 2027})
    assert summary_row(first, "Aloittaneet osallistujat") == "6"
    assert len(built) == 1
    again = supervisor.get(url, {"year": 2027})
    assert len(built) == 1
    assert again.text.split('id="summary"')[1] == first.text.split('id="summary"')[1]
    # A new group: the figures read are new, so the section is built again at once.
    run_with(world, world.unit, world.counsellor, completed=5, starts_on=dt.date(2027, 4, 6))
    changed = supervisor.get(url, {"year": 2027})
    assert len(built) == 2
    assert summary_row(changed, "Aloittaneet osallistujat") == "11"
    # The same figures in Swedish are Swedish, and management's whole organisation is its own.
    supervisor.cookies["django_language"] = "sv"
    swedish = supervisor.get(url, {"year": 2027})
    assert len(built) == 3
    assert summary_row(swedish, "Deltagare som började") == "11"
    whole = login(world.management).get(url, {"year": 2027})
    assert len(built) == 4
    assert summary_row(whole, "Aloittaneet osallistujat") == "11"
