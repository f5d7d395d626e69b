"""A new counsellor's first login on a tablet: the password, then setting up the phone's
authenticator app from the key on the page, the recovery codes, and the next login with a
code the app computes. Codes are computed from the key as a phone does (RFC 6238)."""

import base64
import time

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.factories.people import PASSWORD
from tests.utils import authenticator, totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_first_login_sets_up_the_app_and_the_next_asks_for_its_code(world, page, live_server, axe):
    page.goto(f"{live_server.url}/clients/")
    axe.check()
    page.get_by_label("Käyttäjätunnus").fill(world.counsellor.username)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()

    # Setting up the app, before any page with client data.
    expect(page.get_by_role("heading", level=1)).to_have_text("Ota todennussovellus käyttöön")
    expect(page.get_by_role("img", name="QR-koodi todennussovellukselle")).to_be_visible()
    expect(page.get_by_role("navigation", name="Päävalikko")).to_have_count(0)
    axe.check()
    key = page.locator("[data-setup-key]").inner_text().replace(" ", "")
    phone = TOTP(base64.b32decode(key))
    phone.time = time.time()

    page.get_by_role("textbox", name="Koodi").fill("123")
    page.get_by_role("button", name="Vahvista").click()
    expect(page.get_by_text("Kirjoita sovelluksen näyttämät kuusi numeroa.")).to_be_visible()
    axe.check()
    page.get_by_role("textbox", name="Koodi").fill(f"{phone.token():06d}")
    page.get_by_role("button", name="Vahvista").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Varakoodit")
    expect(page.locator("[data-recovery-codes] li")).to_have_count(10)
    axe.check()
    page.get_by_role("link", name="Jatka").click()
    # Where the counsellor was going.
    expect(page.get_by_role("heading", level=1)).to_have_text("Asiakkaat")
    axe.check()

    page.get_by_role("button", name=world.counsellor.get_full_name()).click()
    page.get_by_role("button", name="Kirjaudu ulos").click()
    axe.check()
    page.goto(f"{live_server.url}/accounts/login/")
    axe.check()
    page.get_by_label("Käyttäjätunnus").fill(world.counsellor.username)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu sisään").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Koodi todennussovelluksesta")
    axe.check()
    page.get_by_role("textbox", name="Koodi").fill(totp_code(authenticator(world.counsellor)))
    page.get_by_role("button", name="Jatka").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tervetuloa")
    axe.check()
