"""Letters for people without a phone: one A4 page each, the address placed for a window
envelope (C5/DL, window on the left). A print batch's file is a document of its own kind,
made in a worker like every PDF (socialwork/documents)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from socialwork.documents.kinds import DocumentKind, register_document_kind
from socialwork.messaging.models import LetterBatch, Message


def letters_pdf(letters) -> bytes:
    if any(letter.document_id for letter in letters):
        return _with_enclosures(letters)
    return _letters_only(letters)


def _with_enclosures(letters) -> bytes:
    """Each letter followed by the PDF it encloses (a council's meeting packet), so that the
    pages for one envelope come out of the printer together."""
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for letter in letters:
        writer.append(PdfReader(BytesIO(_letters_only([letter]))))
        document = letter.document
        if document is not None and document.is_ready and document.file is not None:
            writer.append(PdfReader(BytesIO(bytes(document.file))))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _letters_only(letters) -> bytes:
    from weasyprint import HTML

    pages = []
    for letter in letters:
        # Each letter in the client's own language, dated the day it is printed.
        with translation.override(letter.language):
            pages.append(
                render_to_string(
                    "messaging/letter_page.html",
                    {
                        "letter": letter,
                        "client": letter.client,
                        "unit": letter.client.unit if letter.client else None,
                        "today": timezone.localdate(),
                        "organisation": settings.SOCIALWORK_ORGANISATION_NAME,
                    },
                )
            )
    html = render_to_string("messaging/letters.html", {"pages": pages})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _batch_of(document) -> LetterBatch:
    return LetterBatch.objects.get(document=document)


def _render(document) -> bytes:
    letters = _batch_of(document).letters.select_related("client__unit", "document")
    return letters_pdf(list(letters.order_by("client__last_name", "client__first_name", "id")))


def _ready(document) -> None:
    LetterBatch.objects.filter(document=document, status=LetterBatch.Status.PREPARING).update(
        status=LetterBatch.Status.READY
    )


def _failed(document) -> None:
    # The letters go back to waiting, to be taken into the next print file.
    batch = _batch_of(document)
    LetterBatch.objects.filter(pk=batch.pk).update(status=LetterBatch.Status.FAILED)
    Message.objects.filter(batch=batch, status=Message.Status.SENDING).update(
        status=Message.Status.QUEUED, batch=None, claimed_at=None
    )


LETTERS = register_document_kind(
    DocumentKind(
        name="messaging.letters",
        render=_render,
        filename=lambda document: f"kirjeet-{document.object_id}.pdf",
        on_ready=_ready,
        on_failed=_failed,
    )
)
