"""The meeting packet as a PDF: invitation, agenda and the previous meeting's minutes from the
same template as the member's page, followed by the leaders' attachments."""

from io import BytesIO

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from councils import selectors
from councils.models import Meeting
from councils.selectors import PACKET_KIND
from councils.services.packets import packet_ready
from socialwork.documents.kinds import DocumentKind, register_document_kind


def packet_pdf(meeting: Meeting, language: str) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(
            "councils/packet_pdf.html",
            {
                **selectors.packet_contents(meeting),
                "organisation": settings.SOCIALWORK_ORGANISATION_NAME,
            },
        )
    main = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    attachments = list(meeting.attachments.all())
    if not attachments:
        return main
    writer = PdfWriter()
    writer.append(PdfReader(BytesIO(main)))
    for attachment in attachments:
        with attachment.file.open("rb") as file:
            writer.append(PdfReader(BytesIO(file.read())))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _render(document) -> bytes:
    meeting_id, language = document.object_id.split(":", 1)
    meeting = Meeting.objects.select_related("council").get(pk=meeting_id)
    return packet_pdf(meeting, language)


def _filename(document) -> str:
    meeting_id, language = document.object_id.split(":", 1)
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    day = f"{meeting.starts_at:%Y-%m-%d}" if meeting else meeting_id
    return f"asiakasraati-{day}-{language}.pdf"


PACKET = register_document_kind(
    DocumentKind(name=PACKET_KIND, render=_render, filename=_filename, on_ready=packet_ready)
)
