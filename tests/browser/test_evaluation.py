"""The evaluation after a session, as it happens in the room: the facilitator opens a code on
the tablet, a participant types it on their phone, picks their name and answers with large
buttons. No account, and only this session's group."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from groups.models import Attendance, SessionEvaluation
from groups.services import attendance_mark, enrolment_add
from tests.browser.conftest import AccessibilityChecker
from tests.factories import ClientFactory
from tests.factories.groups import make_run

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def choice(scope, text):
    """The big button of an answer: the label a finger taps (the radio itself is hidden)."""
    return scope.locator("label.evaluation-choice").filter(
        has_text=re.compile(rf"^\W*{re.escape(text)}\s*$")
    )


def test_a_participant_evaluates_the_session_with_its_code(
    world, page, browser, live_server, axe, log_in
):
    run = make_run(unit=world.unit, facilitators=[world.counsellor])
    session = run.sessions.order_by("starts_at").first()
    aino = ClientFactory(unit=world.unit, first_name="Aino", last_name="Laaksonen")
    away = ClientFactory(unit=world.unit, first_name="Pirjo", last_name="Saarinen")
    enrolments = {
        c.first_name: enrolment_add(actor=world.counsellor, run=run, client=c)
        for c in (aino, away, ClientFactory(unit=world.unit, first_name="Matti"))
    }
    attendance_mark(
        actor=world.counsellor,
        session=session,
        enrolment=enrolments["Pirjo"],
        status=Attendance.Status.ABSENT,
    )

    # The facilitator opens a code for an hour at the end of the session.
    log_in(world.counsellor)
    page.goto(live_server.url + reverse("groups:session_detail", args=[session.pk]))
    axe.check()
    page.get_by_role("link", name="Arvioinnit", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("arvioinnit")
    axe.check()
    page.get_by_label("Koodi on voimassa").select_option("60")
    page.get_by_role("button", name="Avaa koodi").click()
    expect(page.get_by_role("heading", name="Arvioi tämänpäiväinen tapaaminen")).to_be_visible()
    axe.check()
    code = page.locator(".evaluation-code [aria-hidden=true]").inner_text()
    assert len(code) == 6
    expect(page.get_by_role("img", name="QR-koodi, joka avaa arvioinnin")).to_be_visible()

    # Aino, on her own phone, without an account.
    phone_context = browser.new_context(viewport=PHONE, locale="fi-FI")
    phone = phone_context.new_page()
    phone_axe = AccessibilityChecker(phone)
    phone.goto(live_server.url + "/e/")
    phone_axe.check()
    phone.get_by_label("Tapaamisen koodi").fill("ZZZ999")
    phone.get_by_role("button", name="Jatka").click()
    expect(phone.get_by_text("Koodi ei ole oikein")).to_be_visible()
    phone_axe.check()
    phone.goto(live_server.url + "/e/ZZZ999/")  # a QR code from an earlier session
    expect(phone.get_by_role("heading", name="Koodi ei toimi")).to_be_visible()
    phone_axe.check()
    phone.get_by_role("link", name="Kirjoita koodi").click()
    phone_axe.check()
    phone.get_by_label("Tapaamisen koodi").fill(code.lower())  # as typed on a phone
    phone.get_by_role("button", name="Jatka").click()
    expect(phone.get_by_role("heading", name="Kuka sinä olet?")).to_be_visible()
    phone_axe.check()
    # Only those in the session: Pirjo was marked absent, and last names are initials.
    names = phone.get_by_role("listitem")
    expect(names).to_have_count(2)
    expect(phone.get_by_text("Pirjo")).to_have_count(0)
    expect(phone.get_by_text("Laaksonen")).to_have_count(0)
    phone.get_by_role("link", name="Aino L.").click()
    expect(phone.get_by_role("heading", name="Hei Aino!")).to_be_visible()
    phone_axe.check()

    # Sending without the required answers keeps her on the page with a message.
    choice(phone, "4").click()
    phone.get_by_role("button", name="Lähetä").click()
    expect(phone.get_by_text("Tämä kenttä vaaditaan.")).to_be_visible()
    phone_axe.check()
    expect(phone.get_by_role("radio", name="4")).to_be_checked()
    faces = phone.get_by_role("group", name="Millainen tämä tapaaminen oli sinulle?")
    expect(faces.get_by_role("radio")).to_have_count(3)
    choice(faces, "Hyvä").click()
    expect(phone.get_by_role("radio", name="Hyvä", exact=True)).to_be_checked()
    phone.get_by_label("Haluatko sanoa vielä jotain?").fill("Kiva kun sai puhua.")
    phone.get_by_role("button", name="Lähetä").click()
    expect(phone.get_by_role("heading", name="Kiitos!")).to_be_visible()
    phone_axe.check()

    evaluation = SessionEvaluation.objects.get()
    assert evaluation.enrolment == enrolments["Aino"]
    assert evaluation.channel == SessionEvaluation.Channel.SELF
    answers = {
        a.question.kind: a.value or a.text for a in evaluation.answers.select_related("question")
    }
    assert answers == {"faces_3": 3, "scale_5": 4, "text": "Kiva kun sai puhua."}

    # The next person on the same phone: Aino is done and cannot answer again.
    phone.get_by_role("link", name="Seuraava vastaaja").click()
    expect(phone.get_by_text("Aino L. – arvioitu, kiitos")).to_be_visible()
    expect(phone.get_by_role("link", name="Aino L.")).to_have_count(0)
    phone_axe.check()
    phone_axe.assert_every_page_checked()
    phone_context.close()

    # The facilitator sees who has answered, and what.
    page.get_by_role("link", name="Katso, ketkä ovat vastanneet").click()
    expect(page.get_by_text("1 / 3 osallistujasta on arvioinut tapaamisen.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Aino Laaksonen")
    expect(row).to_contain_text("Hyvä")
    expect(row).to_contain_text("Osallistuja itse tapaamisen koodilla")
    axe.check()
    page.get_by_role("button", name="Sulje koodi").click()
    expect(page.get_by_text("Koodi suljettiin.")).to_be_visible()
    axe.check()
