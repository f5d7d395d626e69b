import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from groups.services import enrolment_add
from socialwork.messaging import services as messaging
from socialwork.messaging.models import LetterBatch, Message, MessageTemplate
from tests.factories import ClientFactory
from tests.factories.groups import make_run

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_sees_the_text_message_count_change_while_typing(
    world, page, live_server, axe, log_in
):
    template = MessageTemplate.objects.get(purpose="groups.session_reminder", language="fi")
    log_in(world.administrator)
    page.get_by_role("button", name="English").click()
    page.goto(
        live_server.url + reverse("admin:messaging_messagetemplate_change", args=[template.pk])
    )
    count = page.locator("#id_text_count")
    expect(count).to_contain_text("GSM-7")
    expect(count).to_contain_text("1 text message")
    axe.check()

    text = page.get_by_label("Text")
    # Finnish letters stay in GSM-7; 170 characters take two messages of 153.
    text.fill("Hyvää päivää, " + "ä" * 156)
    expect(count).to_have_text("GSM-7: 170 characters, 2 text messages")
    # One character outside GSM-7 turns the whole text into UCS-2, 70 to a message.
    text.fill("Muistutus: {group} klo {time} ✓")
    expect(count).to_contain_text("UCS-2")
    expect(page.locator("#id_text_ucs2")).to_contain_text("✓")
    text.fill("Muistutus: {group} {weekday} klo {time}, {place}. Tervetuloa!")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()
    axe.check()
    template.refresh_from_db()
    assert template.text == "Muistutus: {group} {weekday} klo {time}, {place}. Tervetuloa!"

    page.goto(live_server.url + reverse("messaging:outbox_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Messages")
    axe.check()


def test_a_counsellor_fixes_a_missing_consent_from_the_session_page_and_prints_letters(
    world, page, live_server, axe, log_in
):
    run = make_run(unit=world.unit, facilitators=[world.counsellor])
    session = run.sessions.order_by("starts_at").last()
    no_consent = ClientFactory(
        unit=world.unit, first_name="Aatu", last_name="Rautio", phone="+358401110003"
    )
    by_post = ClientFactory(
        unit=world.unit,
        first_name="Bea",
        last_name="Salo",
        reminder_channel="letter",
        street_address="Kuusitie 4",
        postal_code="33100",
        post_office="Tampere",
    )
    for client in (no_consent, by_post):
        enrolment_add(actor=world.counsellor, run=run, client=client)
    session.starts_at = timezone.now() + timezone.timedelta(days=6)
    session.ends_at = session.starts_at + timezone.timedelta(hours=2)
    session.save()
    messaging.reminders_queue(now=messaging.reminder_due(session.starts_at, days_before=5))

    log_in(world.counsellor)
    page.get_by_role("button", name="English").click()
    page.goto(live_server.url + reverse("groups:session_detail", args=[session.pk]))
    panel = page.get_by_role("region", name="Reminders and messages")
    row = panel.get_by_role("row").filter(has_text="Aatu Rautio")
    expect(row).to_contain_text("Will not be reminded")
    expect(row).to_contain_text("No consent to text messages")
    expect(panel.get_by_role("row").filter(has_text="Bea Salo")).to_contain_text("Queued")
    axe.check()
    row.get_by_role("link", name="Record consent").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("consent")
    axe.check()

    page.get_by_role("link", name="Letters").click()
    expect(page.get_by_text("Bea Salo")).to_be_visible()
    axe.check()
    page.get_by_role("button", name="Make a print file of 1 letter").click()
    # The PDF is made by a Celery task (eager here); the list shows it ready.
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible()
    axe.check()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("button", name="Mark as posted").click()
    expect(page.get_by_text("The letters are marked as posted")).to_be_visible()
    axe.check()
    assert LetterBatch.objects.get().status == LetterBatch.Status.POSTED
    assert Message.objects.get(client=by_post).status == Message.Status.SENT
