"""The administrators' outbox page, the workers' letters page and the message templates in
the admin."""

import subprocess

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from socialwork.audit.models import AuditEvent
from socialwork.messaging.models import LetterBatch, Message, MessageTemplate
from tests.factories import ClientFactory
from tests.factories.groups import make_run


def message(client, key, **fields):
    defaults = {
        "channel": Message.Channel.SMS,
        "client": client,
        "recipient": "+358401110001",
        "text": "Muistutus: Solmut auki keskiviikko klo 10.00",
        "purpose": "groups.session_reminder",
        "idempotency_key": key,
    }
    return Message.objects.create(**(defaults | fields))


# --- Outbox -------------------------------------------------------------------------------


def test_the_outbox_shows_how_messages_fared_but_not_to_whom(world, login):
    client = ClientFactory(unit=world.unit, first_name="Ulrika", last_name="Zetterlund")
    message(client, "a", status="delivered")
    message(
        client,
        "b",
        status="failed",
        reason=Message.Reason.UNDELIVERED,
        recipient="+358409998877",
    )
    message(client, "c", channel=Message.Channel.EMAIL, recipient="ulrika@example.fi")
    browser = login(world.administrator)
    browser.cookies["django_language"] = "en"
    page = browser.get(reverse("messaging:outbox_list")).content.decode()
    assert "3 messages" in page
    assert "Group session: reminder" in page and "The phone did not receive it" in page
    for secret in ("Zetterlund", "Ulrika", "+358409998877", "ulrika@example.fi", "Muistutus"):
        assert secret not in page

    filtered = browser.get(reverse("messaging:outbox_list"), {"status": "failed"})
    assert "1 message" in filtered.content.decode()
    bad = browser.get(reverse("messaging:outbox_list"), {"created_from": "eilen"})
    assert bad.status_code == 200 and "Enter a valid date" in bad.content.decode()
    assert "No messages match." in bad.content.decode()


def test_the_outbox_query_count_is_flat(world, login, django_assert_max_num_queries):
    client = ClientFactory(unit=world.unit)
    message(client, "first")
    browser = login(world.administrator)
    url = reverse("messaging:outbox_list")
    with django_assert_max_num_queries(50) as few:
        browser.get(url)
    for n in range(30):
        message(client, f"more-{n}", status="sent")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert browser.get(url).status_code == 200


# --- Letters ------------------------------------------------------------------------------


def letter_for(client, key, session):
    return message(
        client,
        key,
        content_type=ContentType.objects.get_for_model(session),
        object_id=str(session.pk),
        channel=Message.Channel.LETTER,
        recipient=client.postal_address,
        subject="Muistutus ryhmän tapaamisesta",
        text="Muistutus: Solmut auki keskiviikko 2.12.2026 klo 10.00, Asemakatu 12.",
    )


def test_letters_become_one_print_file_that_is_gone_once_posted(
    world, login, django_capture_on_commit_callbacks
):
    mine = ClientFactory(
        unit=world.unit,
        first_name="Helmi",
        last_name="Aaltonen",
        street_address="Kuusitie 4 B 12",
        postal_code="33100",
        post_office="Tampere",
        created_by=world.counsellor,
    )
    someone_elses = ClientFactory(
        unit=world.other_unit,
        last_name="Toisenyksikkö",  # a name no random staff member shares
        street_address="Koivutie 1",
        postal_code="33200",
        post_office="X",
    )
    mine_group = make_run(unit=world.unit, facilitators=[world.counsellor])
    their_group = make_run(unit=world.other_unit, facilitators=[world.other_counsellor])
    letter_for(mine, "mine", mine_group.sessions.first())
    letter_for(someone_elses, "theirs", their_group.sessions.first())
    browser = login(world.counsellor)
    browser.cookies["django_language"] = "en"
    url = reverse("messaging:letter_list")
    page = browser.get(url).content.decode()
    assert "Helmi Aaltonen" in page and someone_elses.last_name not in page
    assert "Make a print file of 1 letter" in page

    with django_capture_on_commit_callbacks(execute=True):
        browser.post(url)
    batch = LetterBatch.objects.get()
    assert (batch.status, batch.letter_count) == (LetterBatch.Status.READY, 1)
    again = browser.post(url, follow=True).content.decode()
    assert "There are no letters waiting to be printed." in again
    assert LetterBatch.objects.count() == 1

    pdf = browser.get(reverse("messaging:letter_batch_pdf", args=[batch.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    # The letter left the product: the disclosure is on the client it names, for their
    # access report, and on no other.
    disclosures = AuditEvent.objects.filter(action=AuditEvent.Action.DISCLOSE)
    assert [(e.object_id, e.changed_fields, e.actor) for e in disclosures] == [
        (str(mine.pk), ["letters_print_file"], world.counsellor)
    ]
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Helmi Aaltonen" in text and "Kuusitie 4 B 12" in text and "33100 Tampere" in text
    assert "Asemakatu 12" in text and someone_elses.last_name not in text
    assert AuditEvent.objects.filter(
        actor=world.counsellor, object_type="messaging.letterbatch", object_id=str(batch.pk)
    ).exists()

    # Another worker cannot take the file.
    other = login(world.social_worker)
    assert other.get(reverse("messaging:letter_batch_pdf", args=[batch.pk])).status_code == 404

    browser = login(world.counsellor)
    browser.post(reverse("messaging:letter_batch_posted", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == LetterBatch.Status.POSTED and batch.document.file is None
    assert Message.objects.get(idempotency_key="mine").status == Message.Status.SENT
    assert Message.objects.get(idempotency_key="theirs").status == Message.Status.QUEUED
    assert browser.get(reverse("messaging:letter_batch_pdf", args=[batch.pk])).status_code == 404


# --- Templates in the admin -----------------------------------------------------------------


def test_an_administrator_changes_the_words_but_not_the_placeholders(world, login):
    template = MessageTemplate.objects.get(purpose="groups.session_reminder", language="fi")
    original = template.text
    browser = login(world.administrator)
    browser.cookies["django_language"] = "en"
    url = reverse("admin:messaging_messagetemplate_change", args=[template.pk])
    page = browser.get(url).content.decode()
    assert "GSM-7: " in page and "text message" in page and "{place}" in page

    unknown = browser.post(url, {"text": "Muista {ryhmä} huomenna {clock}"})
    assert "Unknown placeholder: {clock}" in unknown.content.decode()
    too_long = browser.post(url, {"text": "Ø" * 20 + "€ {group} " * 40})
    assert "Shorten it to at most 4" in too_long.content.decode()
    template.refresh_from_db()
    assert template.text == original

    browser.post(url, {"text": "Tervetuloa {group}-ryhmään {weekday} klo {time}!"})
    template.refresh_from_db()
    assert template.text == "Tervetuloa {group}-ryhmään {weekday} klo {time}!"
    assert template.updated_by == world.administrator


def test_the_letters_page_query_count_is_flat(world, login, django_assert_max_num_queries):
    group = make_run(unit=world.unit, facilitators=[world.counsellor])
    session = group.sessions.first()

    def addressed():
        return ClientFactory(
            unit=world.unit,
            street_address="Kuusitie 4",
            postal_code="33100",
            post_office="Tampere",
            created_by=world.counsellor,
        )

    letter_for(addressed(), "first", session)
    browser = login(world.counsellor)
    browser.cookies["django_language"] = "en"
    url = reverse("messaging:letter_list")
    with django_assert_max_num_queries(50) as few:
        assert browser.get(url).status_code == 200
    for n in range(8):
        letter_for(addressed(), f"more-{n}", session)
    LetterBatch.objects.bulk_create(
        LetterBatch(created_by=world.counsellor, status=LetterBatch.Status.POSTED) for _ in range(5)
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = browser.get(url).content.decode()
    assert "Make a print file of 9 letters" in page
    assert "Kuusitie" not in page  # the page lists names; addresses are only in the PDF
