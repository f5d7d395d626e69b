import re
import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from playwright.sync_api import expect

from socialwork.core.middleware import SESSION_LAST_SEEN
from socialwork.people.models import Client, Consent
from tests.core.test_role_matrix import MATRIX, OK
from tests.factories import ConsentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_log_in_switch_language_and_open_the_client_list(world, page, live_server, axe, log_in):
    log_in(world.counsellor)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tervetuloa")

    page.get_by_role("button", name="Svenska").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")
    axe.check()

    page.get_by_role("button", name="Suomi").click()
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    axe.check()

    page.get_by_role("navigation", name="Päävalikko").get_by_role(
        "link", name="Asiakkaat", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Asiakkaat")
    expect(page.get_by_role("link", name=world.client.last_name)).to_be_visible()
    axe.check()

    page.get_by_label("Nimi").fill(world.client.first_name)
    page.get_by_role("button", name="Hae").click()
    axe.check()
    page.get_by_role("link", name=re.compile(world.client.last_name)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(world.client.full_name)
    axe.check()


def test_add_a_client_with_a_mistake_then_fix_it(world, page, live_server, axe, log_in):
    log_in(world.counsellor)
    page.goto(live_server.url + reverse("people:client_create"))
    axe.check()
    page.get_by_label("Etunimi").fill("Linnea")
    page.get_by_label("Sukunimi").fill("Åberg")
    page.get_by_label("Matkapuhelinnumero").fill("12345")
    page.get_by_label("Asiakas suostuu").check()
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_role("alert")).to_contain_text("Mitään ei tallennettu")
    axe.check()
    assert not Client.objects.filter(last_name="Åberg").exists()

    page.get_by_label("Matkapuhelinnumero").fill("041 3950 321")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Linnea Åberg")
    axe.check()
    client = Client.objects.get(last_name="Åberg")
    assert client.phone.as_e164 == "+358413950321" and client.has_sms_consent


def test_logged_out_after_idle_time_is_told_why(world, page, live_server, axe, log_in):
    log_in(world.counsellor)
    # Half an hour passes without a click: move the session's last activity back.
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=cookie["value"])
    session[SESSION_LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    page.goto(live_server.url + reverse("people:client_list"))
    expect(page.get_by_role("status")).to_contain_text("Sinut kirjattiin ulos")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kirjaudu sisään")
    axe.check()


# Not web pages: the calendar feed is a file for Outlook and a print batch a PDF (their
# content is tested in tests/groups/test_calendar_feed.py and tests/messaging/test_pages.py).
NOT_PAGES = {
    "groups:calendar_feed",
    "messaging:letter_batch_pdf",
    "feedback:results_csv",
    "feedback:campaign_sheet",
    "councils:packet_file",
    "experts:folder_pdf",
    "experts:payroll_file",
    "experts:invoice_pdf",
    "reporting:report_file",
    "reporting:export",
    "participation:sora_summary_file",
    "people:access_report_file",
    "people:data_export_file",
    "participation:clock_ics",
    "participation:clock_poster",
    "participation:clock_feed",
}


def staff_pages():
    """Every page of the role matrix with a persona allowed to open it."""
    for name, (make_kwargs, expectations) in MATRIX.items():
        if name in NOT_PAGES:
            continue
        allowed = [p for p, expected in expectations.items() if expected == OK and p != "anonymous"]
        if allowed:
            yield pytest.param(name, allowed[0], make_kwargs, id=name)


@pytest.mark.parametrize(("name", "persona", "make_kwargs"), list(staff_pages()))
def test_every_page_is_accessible(
    name, persona, make_kwargs, world, page, live_server, axe, log_in
):
    ConsentFactory(client=world.client, recorded_by=world.counsellor, kind=Consent.Kind.PHOTO)
    log_in(world.persona(persona))
    kwargs = make_kwargs(world) if make_kwargs else {}
    page.goto(live_server.url + reverse(name, kwargs=kwargs))
    axe.check()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_error_pages_are_translated_and_accessible(language, world, page, live_server, axe, log_in):
    log_in(world.counsellor)
    labels = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
    page.get_by_role("button", name=labels[language]).click()
    axe.check()
    page.goto(live_server.url + reverse("audit:event_list"))  # 403 for a counsellor
    expected = {
        "fi": "Sinulla ei ole pääsyä",
        "sv": "Du har inte",
        "en": "You do not have access",
    }[language]
    expect(page.get_by_role("heading", level=1)).to_contain_text(expected)
    axe.check()
    page.goto(live_server.url + "/clients/999999/")
    not_found = {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte", "en": "Page not found"}
    expect(page.get_by_role("heading", level=1)).to_have_text(not_found[language])
    axe.check()
