"""Every PDF is made one way (socialwork/documents): asked for in a transaction, made in a
worker, shown on the page while it is being made, and made again when its task was lost."""

import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback import services
from feedback.models import Campaign, Instrument
from socialwork.documents.kinds import DocumentKind, register_document_kind
from socialwork.documents.models import Document
from socialwork.documents.services import document_render, documents_resume

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world):
    """A web campaign saved in a transaction whose commit never comes: its sheet's task is
    never handed to a worker, as when Redis was down at the time."""
    today = timezone.localdate()
    return services.campaign_save(
        campaign=Campaign(
            instrument=Instrument.objects.get(code="survey"),
            unit=world.unit,
            year=today.year,
            month=today.month,
            theme="Sähköiset palvelut",
            channels=["web"],
        ),
        actor=world.administrator,
    )


def test_a_sheet_whose_task_was_lost_is_made_by_the_resume_job(campaign, world, login):
    sheet = campaign.sheet
    assert sheet.status == Document.Status.WAITING
    client = login(world.counsellor)
    client.cookies["django_language"] = "en"
    listing = client.get(reverse("feedback:campaign_list")).content.decode()
    # The page says so and asks again every few seconds until it is made.
    assert 'hx-trigger="every 3s"' in listing and "Being made" in listing
    assert documents_resume() == 0  # asked for just now: its task may still come
    Document.objects.filter(pk=sheet.pk).update(requested_at=timezone.now() - timedelta(minutes=6))
    assert documents_resume() == 1  # handed to a worker (eager in the tests)
    sheet.refresh_from_db()
    assert sheet.is_ready and sheet.attempts == 1
    listing = client.get(reverse("feedback:campaign_list")).content.decode()
    assert "every 3s" not in listing
    pdf = client.get(reverse("feedback:campaign_sheet", args=[campaign.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "no-store"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert f"/s/{campaign.token}/" in text


def test_a_task_delivered_twice_makes_the_file_once(campaign):
    assert document_render(document_id=campaign.sheet_id).is_ready
    assert document_render(document_id=campaign.sheet_id) is None
    assert Document.objects.get(pk=campaign.sheet_id).attempts == 1


def test_a_worker_that_died_mid_file_is_replaced_and_a_busy_one_is_left_alone(campaign, settings):
    sheet = campaign.sheet
    Document.objects.filter(pk=sheet.pk).update(status="rendering", started_at=timezone.now())
    assert documents_resume() == 0 and document_render(document_id=sheet.pk) is None
    died = timezone.now() - timedelta(seconds=settings.DOCUMENT_RENDER_TIMEOUT_SECONDS + 1)
    Document.objects.filter(pk=sheet.pk).update(started_at=died)
    assert documents_resume() == 1
    assert Document.objects.get(pk=sheet.pk).is_ready


def test_changing_the_campaign_makes_a_new_sheet_and_drops_the_old_file(campaign, world):
    old = campaign.sheet
    document_render(document_id=old.pk)
    campaign.theme = "Ajanvaraus"
    services.campaign_save(campaign=campaign, actor=world.administrator)
    old.refresh_from_db()
    assert old.status == Document.Status.DISCARDED and old.file is None
    assert Campaign.objects.get(pk=campaign.pk).sheet.status == Document.Status.WAITING


def _cannot_be_made(document):
    raise RuntimeError("the printer's fonts are missing")


BROKEN = register_document_kind(
    DocumentKind(name="tests.broken", render=_cannot_be_made, filename=lambda d: "x.pdf")
)


@pytest.mark.logs_errors
def test_a_file_that_cannot_be_made_says_so_and_keeps_the_error(caplog):
    document = Document.objects.create(kind=BROKEN.name)
    with caplog.at_level("ERROR"):
        document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == Document.Status.FAILED
    assert document.error == "RuntimeError: the printer's fonts are missing"
    assert "could not be made" in caplog.text
    # Failed is final: the resume job does not try it again and again.
    assert documents_resume(minutes=0) == 0


def test_a_print_file_that_could_not_be_made_gives_its_letters_back(world):
    from socialwork.messaging.letters import LETTERS
    from socialwork.messaging.models import LetterBatch, Message
    from socialwork.messaging.services import letters as letter_services
    from tests.factories import ClientFactory
    from tests.factories.groups import make_run
    from tests.messaging.test_pages import letter_for

    group = make_run(unit=world.unit, facilitators=[world.counsellor])
    mine = ClientFactory(unit=world.unit, created_by=world.counsellor)
    letter_for(mine, "letter-1", group.sessions.first())
    batch = letter_services.letter_batch_create(actor=world.counsellor)
    LETTERS.on_failed(batch.document)
    batch.refresh_from_db()
    assert batch.status == LetterBatch.Status.FAILED
    letter = Message.objects.get(idempotency_key="letter-1")
    assert (letter.status, letter.batch) == (Message.Status.QUEUED, None)


@pytest.mark.logs_errors
def test_a_document_that_stops_its_worker_every_time_fails_instead_of_looping(
    world, settings, caplog
):
    """Its worker died making it, three times (out of memory, say): it is not handed out a
    fourth time; it fails, says so, and a print file gives its letters back."""
    from socialwork.messaging.models import LetterBatch, Message
    from socialwork.messaging.services import letters as letter_services
    from tests.factories import ClientFactory
    from tests.factories.groups import make_run
    from tests.messaging.test_pages import letter_for

    group = make_run(unit=world.unit, facilitators=[world.counsellor])
    letter_for(
        ClientFactory(unit=world.unit, created_by=world.counsellor), "l-1", group.sessions.first()
    )
    batch = letter_services.letter_batch_create(actor=world.counsellor)
    died = timezone.now() - timedelta(seconds=settings.DOCUMENT_RENDER_TIMEOUT_SECONDS + 1)
    Document.objects.filter(pk=batch.document_id).update(
        status="rendering", started_at=died, attempts=settings.DOCUMENT_MAX_ATTEMPTS
    )
    documents_resume()
    document = Document.objects.get(pk=batch.document_id)
    assert document.status == Document.Status.FAILED and "stopped 3 times" in document.error
    batch.refresh_from_db()
    assert batch.status == LetterBatch.Status.FAILED
    assert Message.objects.get(idempotency_key="l-1").status == Message.Status.QUEUED
    assert "stopped its worker every time" in caplog.text
