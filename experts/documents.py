"""The experts' PDFs, made by WeasyPrint in a worker (socialwork/documents): the whole CV
folder with the ordering instructions and the coordinator's contact details on its first
page (002:1497-1507), and an invoice to an outside orderer."""

from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from experts import cvform
from experts.models import FeeBatch
from socialwork.documents.kinds import DocumentKind, register_document_kind

FOLDER = "experts.folder"
INVOICE = "experts.invoice"


def coordinators():
    from socialwork.people.models import Role, User

    return list(
        User.objects.filter(is_active=True, role_assignments__role=Role.EXPERT_COORDINATOR)
        .distinct()
        .order_by("last_name", "first_name")
    )


def folder_pdf(language: str) -> bytes:
    from weasyprint import HTML

    from experts.selectors import roster

    cvs = [cvform.form_context(cv) for cv in roster()]
    with translation.override(language):
        html = render_to_string(
            "experts/folder_pdf.html",
            {
                "forms": cvs,
                "coordinators": coordinators(),
                "contact": settings.EXPERT_COORDINATOR_CONTACT,
                "organisation": settings.SOCIALWORK_ORGANISATION_NAME,
                "made": timezone.localtime(),
                "fee_low": settings.EXPERT_FEE_USUAL_MIN,
                "fee_high": settings.EXPERT_FEE_USUAL_MAX,
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _folder_render(document) -> bytes:
    return folder_pdf(document.object_id or "fi")


def _folder_filename(document) -> str:
    return f"kokemusasiantuntijat-cv-kansio-{document.requested_at:%Y-%m-%d}.pdf"


def invoice_pdf(batch: FeeBatch) -> bytes:
    from weasyprint import HTML

    bookings = list(
        batch.bookings.select_related("order", "expert__client").order_by("order__starts_at")
    )
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "experts/invoice_pdf.html",
            {
                "batch": batch,
                "organisation": batch.organisation,
                "bookings": bookings,
                "total": sum((b.fee or Decimal(0) for b in bookings), Decimal(0)),
                "issuer": settings.SOCIALWORK_ORGANISATION_NAME,
                "contact": settings.EXPERT_COORDINATOR_CONTACT,
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _invoice_render(document) -> bytes:
    batch = FeeBatch.objects.select_related("organisation").get(pk=document.object_id)
    return invoice_pdf(batch)


def _invoice_filename(document) -> str:
    batch = FeeBatch.objects.filter(pk=document.object_id).first()
    return f"lasku-{batch.number if batch else document.object_id}.pdf"


register_document_kind(DocumentKind(name=FOLDER, render=_folder_render, filename=_folder_filename))
register_document_kind(
    DocumentKind(name=INVOICE, render=_invoice_render, filename=_invoice_filename)
)
