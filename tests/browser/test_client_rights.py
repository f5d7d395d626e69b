"""The client's rights, clicked through: the unit's supervisor makes the client's copy of
their data on a tablet and downloads both files."""

import json

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.factories.groups import AttendanceFactory, EnrolmentFactory, make_run
from tests.utils import pdf_words

pytestmark = pytest.mark.django_db(transaction=True)

TABLET_PORTRAIT = {"width": 820, "height": 1180}


def fi(text):
    with translation.override("fi"):
        return gettext(text)


def test_the_supervisor_makes_the_clients_copy_of_their_data_on_a_tablet(
    world, page, live_server, axe, log_in
):
    page.set_viewport_size(TABLET_PORTRAIT)
    run = make_run(unit=world.unit, facilitators=[world.counsellor], name="Sisu, syksy")
    enrolment = EnrolmentFactory(run=run, client=world.client, meal_notes="Ei kalaa")
    AttendanceFactory(enrolment=enrolment, status="present")
    log_in(world.supervisor)
    page.goto(live_server.url + reverse("people:client_detail", args=[world.client.pk]))
    axe.check()
    page.get_by_role("link", name=fi("Copy of the client's data")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fi("Copy of the client's data"))
    axe.check()
    page.get_by_label(fi("Language of the copy")).select_option("fi")
    page.get_by_role("button", name=fi("Make the copy")).click()
    exports = page.locator("#exports")
    pdf_link = exports.get_by_role("link", name=fi("Download the PDF"))
    json_link = exports.get_by_role("link", name=fi("Download the JSON"))
    expect(json_link).to_be_visible(timeout=30_000)
    axe.check()
    with page.expect_download() as info:
        pdf_link.click()
    with open(info.value.path(), "rb") as pdf:
        text = pdf_words(pdf.read())
    assert "Sinusta tallennetut tiedot" in text and "Sisu, syksy" in text and "Ei kalaa" in text
    with page.expect_download() as info:
        json_link.click()
    assert info.value.suggested_filename.endswith(".json")
    with open(info.value.path(), encoding="utf-8") as file:
        data = json.load(file)
    [groups] = [s for s in data["sections"] if s["key"] == "groups.enrolments"]
    assert groups["records"][0]["run"] == "Sisu, syksy"
    assert groups["records"][0]["meal_notes"] == "Ei kalaa"
