"""Social reporting's summary for decision makers (seed 004: "päättäjille saakka"), made by
WeasyPrint in a worker (socialwork/documents) in Finnish or Swedish: the year's themes and
signals counted, the quotations the readers chose, and the action proposals with what was
done with them. The reports hold no client data; the counts by unit are hidden as on the
page. Whose reports it covers is worked out from the asker's roles when it is made."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from socialwork.documents.kinds import DocumentKind, register_document_kind

SUMMARY = "participation.sora_summary"


def summary_object_id(*, year: int, language: str) -> str:
    return f"{year}:{language}"


def summary_pdf(*, user, year: int, language: str) -> bytes:
    from weasyprint import HTML

    from participation import permissions, selectors
    from socialwork.people.models import Unit

    if not permissions.can_read_reports(user):  # no longer theirs to read: nothing is made
        raise PermissionError("the asker no longer reads social reports")
    reports = selectors.reports_for(user).filter(sent_at__year=year)
    with translation.override(language):
        counts = selectors.report_counts(reports)
        units = permissions.read_unit_ids(user)
        html = render_to_string(
            "participation/sora_summary_pdf.html",
            {
                "year": year,
                "counts": counts,
                "quotations": list(reports.filter(quotable=True).order_by("sent_at")),
                "proposals": list(reports.exclude(proposal="").order_by("sent_at")),
                "units": None
                if units is None
                else list(Unit.objects.filter(pk__in=units).order_by("name")),
                "organisation": settings.SOCIALWORK_ORGANISATION_NAME,
                "made": timezone.localtime(),
                "min_respondents": settings.SOCIALWORK_MIN_RESPONDENTS,
            },
        )
    # PDF/UA: tagged, with a language and a title, read in order by a screen reader.
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def _render(document) -> bytes:
    year, language = document.object_id.split(":")
    return summary_pdf(user=document.requested_by, year=int(year), language=language)


def _filename(document) -> str:
    year, language = document.object_id.split(":")
    return f"sosiaalinen-raportointi-{year}-{language}-{document.requested_at:%Y-%m-%d}.pdf"


register_document_kind(DocumentKind(name=SUMMARY, render=_render, filename=_filename))


CLOCK = "participation.clock"


def clock_object_id(*, year: int, unit_id, language: str) -> str:
    return f"{year}:{unit_id or '-'}:{language}"


def clock_pdf(*, user, year: int, unit_id, language: str) -> bytes:
    """The annual clock as an A3 poster: the circle and the month-by-month list."""
    from weasyprint import HTML

    from participation import clock, permissions
    from socialwork.people.models import Unit

    if not permissions.can_open_clock(user):
        raise PermissionError("the asker no longer reads the annual clock")
    allowed = permissions.clock_unit_ids(user)
    if unit_id is not None and allowed is not None and unit_id not in allowed:
        raise PermissionError("the unit is not the asker's")
    unit_ids = {unit_id} if unit_id is not None else allowed
    unit = Unit.objects.filter(pk=unit_id).first() if unit_id else None
    with translation.override(language):
        year_view = clock.clock_year(year, unit_ids)
        title = clock.clock_title(year, unit, whole=unit_ids is None)
        html = render_to_string(
            "participation/clock_pdf.html",
            {
                "clock": year_view,
                "title": title,
                "svg": clock.clock_svg(year_view, title),
                "organisation": settings.SOCIALWORK_ORGANISATION_NAME,
                "made": timezone.localtime(),
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def _clock_render(document) -> bytes:
    year, unit, language = document.object_id.split(":")
    return clock_pdf(
        user=document.requested_by,
        year=int(year),
        unit_id=None if unit == "-" else int(unit),
        language=language,
    )


def _clock_filename(document) -> str:
    year, _unit, language = document.object_id.split(":")
    return f"vuosikello-{year}-{language}-{document.requested_at:%Y-%m-%d}.pdf"


register_document_kind(DocumentKind(name=CLOCK, render=_clock_render, filename=_clock_filename))
