"""Social reporting in the browser: a team answers a collection on a phone, and the
supervisor reads, counts and processes the report on a tablet. axe checks every page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from participation.models import Collection, Report, Theme
from tests.browser.conftest import AccessibilityChecker
from tests.factories.people import PASSWORD
from tests.utils import authenticator, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def test_a_team_answers_a_collection_on_a_phone_and_the_supervisor_processes_it(
    world, page, browser, live_server, axe, log_in
):
    # The migration's theme (the browser tests' tables are emptied between tests).
    Theme.objects.get_or_create(name_fi="Asuminen", defaults={"name_sv": "Boende"})
    today = timezone.localdate()
    collection = Collection.objects.create(
        title="Nuorten asuminen",
        description="Mitä huomaatte nuorten asumisessa?",
        opens_on=today,
        closes_on=today + timedelta(days=10),
        created_by=world.supervisor,
    )
    collection.units.add(world.unit)

    context = browser.new_context(viewport=PHONE, locale="fi-FI", has_touch=True)
    phone = context.new_page()
    phone_axe = AccessibilityChecker(phone)
    device = authenticator(world.counsellor)
    phone.goto(f"{live_server.url}/accounts/login/")
    phone_axe.check()
    phone.get_by_label("Käyttäjätunnus").fill(world.counsellor.username)
    phone.get_by_label("Salasana").fill(PASSWORD)
    phone.get_by_role("button", name="Kirjaudu sisään").tap()
    phone.wait_for_url("**/accounts/code/**")
    phone_axe.check()
    phone.get_by_label("Koodi").fill(totp_code(device))
    phone.get_by_role("button", name="Jatka").tap()
    phone.wait_for_url(f"{live_server.url}/")
    # The start page says the collection asks for the counsellor's observations.
    expect(phone.get_by_role("region", name="Havaintojasi kysytään")).to_contain_text(
        "Nuorten asuminen"
    )
    phone_axe.check()
    phone.get_by_role("link", name="Nuorten asuminen").tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Nuorten asuminen")
    phone_axe.check()
    phone.get_by_label("Toistuvatko tai vaivaavatko tietyt asiat").fill(
        "Nuoret jäävät asuntojonoon kuukausiksi. Soita 040 123 4567."
    )
    phone.get_by_label("Huoli tai toistuva ongelma").check()
    phone.get_by_label("Asuminen", exact=True).check()
    phone.get_by_label("Keitä se koskee").select_option(label="Nuoret aikuiset (18–29)")
    phone.get_by_label("Tiiminä").check()
    phone.get_by_label("Tiimin nimi").fill("Nuorten tiimi")
    phone.get_by_label(world.social_worker.get_full_name()).check()
    phone.get_by_role("button", name="Lähetä raportti").tap()
    # The phone number is refused, with what to remove; nothing is stored.
    expect(phone.get_by_role("alert")).to_contain_text("Poista tekstistä puhelinnumero")
    assert not Report.objects.exists()
    phone_axe.check()
    phone.get_by_label("Toistuvatko tai vaivaavatko tietyt asiat").fill(
        "Nuoret jäävät asuntojonoon kuukausiksi."
    )
    phone.get_by_role("button", name="Lähetä raportti").tap()
    expect(phone.get_by_text("Kiitos. Raporttisi lähetettiin.")).to_be_visible()
    expect(phone.get_by_role("table")).to_contain_text("Nuorten tiimi")
    phone_axe.check()
    phone_axe.assert_every_page_checked()
    context.close()
    report = Report.objects.get()
    assert report.collection == collection and report.team_name == "Nuorten tiimi"
    assert list(report.team.all()) == [world.social_worker]

    # The supervisor reads it on a tablet, with the counts, and marks it processed.
    log_in(world.supervisor)
    page.goto(f"{live_server.url}/participation/sora/")
    axe.check()
    page.get_by_role("link", name="Lue raportit").click()
    expect(page.get_by_role("table", name="Raportit teemoittain")).to_contain_text("Asuminen")
    # One report in the unit: its count by unit is hidden.
    expect(page.get_by_role("table", name="Raportit yksiköittäin")).to_contain_text("piilotettu")
    axe.check()
    page.get_by_role("link", name="Nuoret jäävät asuntojonoon").click()
    axe.check()
    page.get_by_label("Mitä tehtiin").fill("Viety asuntotoimen kanssa käsiteltäväksi.")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_text("Muutokset tallennettiin.")).to_be_visible()
    axe.check()
    report.refresh_from_db()
    assert report.processed_by == world.supervisor
    for address in ("collections/", "collections/new/", "meetings/", "meetings/new/"):
        page.goto(f"{live_server.url}/participation/sora/{address}")
        axe.check()


def test_a_counsellor_plans_a_theme_afternoon_and_records_it_on_a_tablet(
    world, page, live_server, axe, log_in
):
    from participation.models import Event

    log_in(world.counsellor)
    page.get_by_role("link", name="Tapahtumat").click()
    axe.check()
    page.get_by_role("link", name="Uusi tapahtuma").click()
    axe.check()
    page.get_by_label("Tyyppi").select_option(label="Asiakkaiden teemailtapäivä")
    page.get_by_label("Otsikko").fill("Teemailtapäivä: toimeentulo")
    page.locator("#id_starts_on").fill(timezone.localdate().isoformat())
    page.get_by_label(world.unit.name).check()
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Teemailtapäivä: toimeentulo")
    axe.check()
    page.get_by_role("spinbutton", name="Osallistujia").fill("18")
    page.get_by_role("button", name="Tallenna määrä").click()
    expect(page.get_by_text("Osallistujamäärä tallennettiin.")).to_be_visible()
    axe.check()
    page.get_by_label("Mitä sanottiin").fill("Toivottiin iltapäivää myös syksyllä.")
    page.get_by_label("Vie yksikköön").select_option(label=world.unit.name)
    page.get_by_role("button", name="Kirjaa").click()
    expect(page.get_by_text("Toivottiin iltapäivää myös syksyllä.")).to_be_visible()
    axe.check()
    event = Event.objects.get()
    assert event.attendance == 18 and event.notes.get().unit == world.unit


def test_a_supervisor_adds_a_recurring_item_to_the_clock_and_prints_it_on_a_tablet(
    world, page, live_server, axe, log_in
):
    from participation.models import ClockItem
    from socialwork.documents.models import Document

    log_in(world.supervisor)
    page.get_by_role("link", name="Vuosikello").click()
    axe.check()
    page.get_by_role("link", name="Lisää kohta").click()
    axe.check()
    page.get_by_label("Otsikko").fill("Teemailtapäivät")
    page.get_by_label("Tyyppi").select_option(label="Teemailtapäivät")
    page.get_by_label("Yksikkö").select_option(label=world.unit.name)
    year = timezone.localdate().year
    page.locator("#id_starts_on").fill(f"{year}-02-10")
    page.get_by_label("Joka vuosi").check()
    for month in ("Helmikuu", "Maaliskuu", "Huhtikuu", "Syyskuu", "Lokakuu"):
        page.get_by_label(month).check()
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_text("Kohta tallennettiin.")).to_be_visible()
    # The circle, and the same five times in the month-by-month list.
    expect(page.get_by_role("img", name=f"Vuosikello {year}")).to_be_visible()
    expect(page.get_by_role("region", name=f"Syyskuu {year}")).to_contain_text("Teemailtapäivät")
    axe.check()
    item = ClockItem.objects.get()
    assert item.rrule == "FREQ=YEARLY;BYMONTH=2,3,4,9,10"
    page.get_by_role("button", name="Tulosta julisteeksi (PDF)").click()
    download = page.get_by_role("link", name="Lataa PDF")
    expect(download).to_be_visible(timeout=60_000)
    axe.check()
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename.startswith(f"vuosikello-{year}")
    assert Document.objects.get(kind="participation.clock").is_ready
