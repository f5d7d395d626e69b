"""Dashboards in the browser, on a tablet: a supervisor of two units changes the year and
the unit, reads a chart's figures as a table, makes a PDF and downloads it; every section
passes axe. Groups start relative to today, so the test passes whatever today is."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from socialwork.people.models import Role
from socialwork.people.services import role_assign
from tests.reporting.test_dashboards import run_with

pytestmark = pytest.mark.django_db(transaction=True)

TABLET_LANDSCAPE = {"width": 1180, "height": 820}


def fi(text, context=None):
    with translation.override("fi"):
        return translation.pgettext(context, text) if context else gettext(text)


def test_a_supervisor_reads_the_dashboard_and_downloads_it_as_a_pdf(
    world, page, live_server, axe, log_in
):
    page.set_viewport_size(TABLET_LANDSCAPE)
    role_assign(actor=None, user=world.supervisor, role=Role.SUPERVISOR, unit=world.other_unit)
    today = timezone.localdate()
    last_year = today.year - 1
    run_with(world, world.unit, world.counsellor, completed=6, starts_on=dt.date(last_year, 3, 1))
    run_with(
        world,
        world.other_unit,
        world.other_counsellor,
        completed=7,
        left=5,
        starts_on=dt.date(last_year, 4, 1),
    )
    log_in(world.supervisor)
    page.goto(live_server.url + reverse("reporting:home"))
    axe.check()
    # The year before: both units' groups, 18 participants.
    page.get_by_label(fi("Year"), exact=True).select_option(str(last_year))
    page.get_by_role("button", name=fi("Show"), exact=True).click()
    row = page.locator("#summary tr", has_text=fi("Participants who started"))
    expect(row.locator("td").first).to_have_text("18")
    axe.check()
    # One unit: its own figures, the unit named in the heading.
    page.get_by_label(fi("Unit"), exact=True).select_option(label=world.other_unit.name)
    page.get_by_role("button", name=fi("Show"), exact=True).click()
    expect(page.get_by_role("heading", level=2)).to_contain_text(world.other_unit.name)
    expect(row.locator("td").first).to_have_text("12")
    axe.check()
    # A chart is an image with a name; its figures are a table to open beside it.
    chart = page.get_by_role("img", name=fi("Participants who started"))
    expect(chart).to_be_visible()
    card = page.locator("figure", has=chart)
    card.get_by_text(fi("The figures by month")).click()
    april = card.locator("tr", has_text=fi("April"))
    expect(april.locator("td").first).to_have_text("12")
    axe.check()
    # The PDF: asked for, made, downloaded.
    page.get_by_role("button", name=fi("Make a PDF of this")).click()
    axe.check()
    download_link = page.locator("#reports").get_by_role("link", name=fi("Download the PDF"))
    expect(download_link).to_be_visible(timeout=30_000)
    with page.expect_download() as info:
        download_link.click()
    path = info.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    for section in ("reminders", "feedback", "councils", "experts"):
        page.goto(live_server.url + reverse("reporting:dashboard", kwargs={"section": section}))
        expect(page.get_by_role("heading", level=1)).to_have_text(fi("Dashboards"))
        axe.check()


def test_management_makes_the_impact_report_in_swedish_on_a_tablet(
    world, page, live_server, axe, log_in
):
    import subprocess

    page.set_viewport_size(TABLET_LANDSCAPE)
    last_year = timezone.localdate().year - 1
    run_with(world, world.unit, world.counsellor, completed=6, starts_on=dt.date(last_year, 3, 1))
    log_in(world.management)
    page.goto(live_server.url + reverse("reporting:home"))
    axe.check()
    page.get_by_role("link", name=fi("Annual reports (PDF) for decision makers")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fi("Annual reports"))
    axe.check()
    page.get_by_label(fi("Year"), exact=True).select_option(str(last_year))
    page.get_by_label(fi("Language of the report")).select_option("sv")
    impact = fi("Impact report for decision makers")
    page.get_by_role("button", name=fi("Make the PDF: %(title)s") % {"title": impact}).click()
    axe.check()
    reports = page.locator("#reports")
    expect(reports).to_contain_text(f"{impact} {last_year} (svenska)")
    download_link = reports.get_by_role("link", name=fi("Download the PDF"))
    expect(download_link).to_be_visible(timeout=30_000)
    axe.check()
    with page.expect_download() as info:
        download_link.click()
    with open(info.value.path(), "rb") as pdf:
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf.read(), capture_output=True, check=True
        ).stdout.decode()
    assert "Effektrapport för beslutsfattare" in text and "Grupper" in text


def test_a_supervisor_reads_the_waiting_comments_and_marks_them_read(
    world, page, live_server, axe, log_in, settings
):
    from feedback.models import Instrument
    from tests.factories.people import UnitFactory
    from tests.feedback.test_results import give

    settings.SOCIALWORK_RESULTS_DELAY_HOURS = 0
    page.set_viewport_size(TABLET_LANDSCAPE)
    card = Instrument.objects.get(code="card")
    for n in range(6):
        give(card, unit=world.unit, answers={"q1": 3, "q3": f"Kiitos avusta {n}"})
    third = UnitFactory(name="Kolmas toimipiste")
    for _n in range(5):  # so that the unit's own figures are not the organisation's less one
        give(card, unit=third, answers={"q1": 2})
    log_in(world.supervisor)
    page.goto(live_server.url + reverse("reporting:dashboard", kwargs={"section": "feedback"}))
    waiting = page.locator("#comparison tr", has_text=fi("Feedback cards"))
    expect(waiting.locator("td").first).to_have_text("6")
    axe.check()
    waiting.get_by_role("link").click()
    expect(page.get_by_text(fi("New", "comment"), exact=True)).to_have_count(6)
    axe.check()
    page.get_by_role("button", name=fi("Mark read")).first.click()
    expect(page.get_by_text(fi("New", "comment"), exact=True)).to_have_count(5)
    axe.check()
    # The rest of the page at once.
    with translation.override("fi"):
        everything = translation.ngettext(
            "Mark the %(n)s new comment on this page read",
            "Mark the %(n)s new comments on this page read",
            5,
        ) % {"n": 5}
    page.get_by_role("button", name=everything).click()
    expect(page.get_by_text(fi("New", "comment"), exact=True)).to_have_count(0)
    axe.check()
    page.goto(live_server.url + reverse("reporting:dashboard", kwargs={"section": "feedback"}))
    expect(waiting.locator("td").first).to_have_text("0")
    axe.check()
