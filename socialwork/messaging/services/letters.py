"""Letters: taken into print batches by the workers who send them, made into one PDF in a
Celery worker (socialwork/documents, which also makes again a file whose task was lost),
marked posted."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from socialwork.audit.disclosures import DisclosureKind, disclosed, register_disclosure
from socialwork.documents.services import document_discard, document_request
from socialwork.messaging.letters import LETTERS
from socialwork.messaging.models import LetterBatch, Message
from socialwork.messaging.selectors import printable_letters_q
from socialwork.people.models import Client

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
    batch.document = document_request(kind=LETTERS.name, object_id=batch.pk, requested_by=actor)
    batch.save(update_fields=["document"])
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
    batch.save(update_fields=["status", "posted_at"])
    if batch.document is not None:
        document_discard(document=batch.document)
    batch.letters.filter(status=Message.Status.SENDING).update(
        status=Message.Status.SENT, sent_at=now, finished_at=now
    )
    return batch


LETTERS_PRINTED = register_disclosure(
    DisclosureKind(
        code="letters_print_file",
        what=gettext_lazy("the print file of letters (name, address and the letter)"),
        recipient=gettext_lazy("printing and post"),
        purpose=gettext_lazy("to send the client a letter"),
    )
)


def letter_batch_downloaded(*, actor, batch: LetterBatch) -> None:
    """The PDF names clients and their addresses: who took it, and when, is kept, and each
    client named has the disclosure in their access report."""
    from socialwork.audit.models import AuditEvent
    from socialwork.audit.services import audit_record

    audit_record(actor=actor, action=AuditEvent.Action.VIEW, obj=batch)
    clients = Client.objects.filter(messages__batch=batch).distinct()
    disclosed(actor=actor, kind=LETTERS_PRINTED, clients=clients)
