"""Letters: taken into print batches by the workers who send them, made into one PDF in a
Celery worker, marked posted."""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from socialwork.messaging.letters import letters_pdf
from socialwork.messaging.models import LetterBatch, Message
from socialwork.messaging.selectors import printable_letters_q

logger = logging.getLogger(__name__)


@transaction.atomic
def letter_batch_create(*, actor) -> LetterBatch:
    """Take the waiting letters this actor prints into a new print batch; the PDF is made
    by a Celery task. Two people pressing the button at once get two batches, never the
    same letter twice."""
    letters = list(
        Message.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            printable_letters_q(actor),
            channel=Message.Channel.LETTER,
            status=Message.Status.QUEUED,
            batch__isnull=True,
        )
        .order_by("id")
        .values_list("pk", flat=True)
    )
    if not letters:
        raise ValidationError(_("There are no letters waiting to be printed."))
    batch = LetterBatch.objects.create(created_by=actor, letter_count=len(letters))
    Message.objects.filter(pk__in=letters).update(
        batch=batch, status=Message.Status.SENDING, claimed_at=timezone.now(), attempts=1
    )
    transaction.on_commit(lambda: _render_batch_later(batch.pk), robust=True)
    return batch


def letter_batches_resume(*, minutes: int = 5) -> int:
    """Start again the print files whose task was lost (Redis down when they were made,
    a worker killed mid-PDF). Run by beat."""
    stuck = list(
        LetterBatch.objects.filter(
            status=LetterBatch.Status.PREPARING,
            created_at__lt=timezone.now() - timedelta(minutes=minutes),
        ).values_list("pk", flat=True)
    )
    for pk in stuck:
        _render_batch_later(pk)
    return len(stuck)


def _render_batch_later(batch_id: int) -> None:
    from socialwork.messaging.tasks import render_letter_batch

    render_letter_batch.delay(batch_id)


def letter_batch_render(*, batch_id: int) -> LetterBatch:
    """Make the batch's PDF (in a Celery worker: WeasyPrint is slow and grows in memory)."""
    batch = LetterBatch.objects.get(pk=batch_id)
    if batch.status != LetterBatch.Status.PREPARING:
        return batch
    letters = list(
        batch.letters.select_related("client__unit").order_by(
            "client__last_name", "client__first_name", "id"
        )
    )
    try:
        pdf = letters_pdf(letters)
    except Exception:
        logger.exception("Letter batch %s could not be made", batch_id)
        LetterBatch.objects.filter(pk=batch_id).update(status=LetterBatch.Status.FAILED)
        Message.objects.filter(batch_id=batch_id, status=Message.Status.SENDING).update(
            status=Message.Status.QUEUED, batch=None, claimed_at=None
        )
        raise
    LetterBatch.objects.filter(pk=batch_id, status=LetterBatch.Status.PREPARING).update(
        pdf=pdf, status=LetterBatch.Status.READY
    )
    batch.refresh_from_db()
    return batch


@transaction.atomic
def letter_batch_posted(*, actor, batch: LetterBatch) -> LetterBatch:
    """The letters are printed and posted: mark them sent and drop the PDF, which holds
    names and addresses and is not needed any more."""
    batch = LetterBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != LetterBatch.Status.READY:
        raise ValidationError(_("This batch is not ready to be marked as posted."))
    now = timezone.now()
    batch.status = LetterBatch.Status.POSTED
    batch.posted_at = now
    batch.pdf = None
    batch.save(update_fields=["status", "posted_at", "pdf"])
    batch.letters.filter(status=Message.Status.SENDING).update(
        status=Message.Status.SENT, sent_at=now, finished_at=now
    )
    return batch


def letter_batch_downloaded(*, actor, batch: LetterBatch) -> None:
    """The PDF names clients and their addresses: who took it, and when, is kept."""
    from socialwork.audit.models import AuditEvent
    from socialwork.audit.services import audit_record

    audit_record(actor=actor, action=AuditEvent.Action.VIEW, obj=batch)
