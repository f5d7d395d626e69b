"""The printable sheet of a survey campaign: the web link and its QR code, in Finnish and
Swedish, to enclose with written decisions (002:92-96). A document of its own kind, made by
WeasyPrint in a worker like every PDF (socialwork/documents)."""

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from feedback.models import Campaign
from socialwork.documents.kinds import DocumentKind, register_document_kind


def campaign_url(campaign: Campaign) -> str:
    return settings.SOCIALWORK_PUBLIC_URL.rstrip("/") + reverse(
        "survey:start", kwargs={"token": campaign.token}
    )


def campaign_sheet_pdf(campaign: Campaign) -> bytes:
    from weasyprint import HTML

    url = campaign_url(campaign)
    qr = segno.make(url, error="m").svg_inline(scale=8, omitsize=True)
    halves = []
    for language in ("fi", "sv"):
        with translation.override(language):
            halves.append(
                render_to_string(
                    "feedback/sheet_half.html",
                    {
                        "campaign": campaign,
                        "instrument_name": campaign.instrument.name.get(language, ""),
                        "url": url,
                        "qr": qr,
                        "organisation": settings.SOCIALWORK_ORGANISATION_NAME,
                    },
                )
            )
    html = render_to_string("feedback/sheet.html", {"halves": halves})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _render(document) -> bytes:
    campaign = Campaign.objects.select_related("instrument", "unit", "link").get(
        pk=document.object_id
    )
    return campaign_sheet_pdf(campaign)


def _filename(document) -> str:
    campaign = Campaign.objects.only("year", "month").get(pk=document.object_id)
    return f"survey-{campaign.year}-{campaign.month:02d}.pdf"


CAMPAIGN_SHEET = register_document_kind(
    DocumentKind(name="feedback.campaign_sheet", render=_render, filename=_filename)
)
