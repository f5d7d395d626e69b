"""The dashboards as PDFs, made by WeasyPrint in a worker (socialwork/documents): the same
figures, the same hidden cells and the same SVG charts as the page, with every chart's
figures as a table, tagged for screen readers (PDF/UA).

A report's document holds what was chosen (section, year, unit, programme, language) and
who asked; whose units it covers is worked out from the asker's roles when it is made, so a
report never shows more than its reader may see on the page."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from socialwork.documents.kinds import DocumentKind, register_document_kind

DASHBOARD = "reporting.dashboard"
RUN = "reporting.run"
ANNUAL = "reporting.annual"


def dashboard_object_id(*, section: str, year: int, unit_id, programme_id, language: str) -> str:
    return f"{section}:{year}:{unit_id or '-'}:{programme_id or '-'}:{language}"


def parse_object_id(object_id: str) -> dict:
    section, year, unit, programme, language = object_id.split(":")
    return {
        "section": section,
        "year": int(year),
        "unit_id": None if unit == "-" else int(unit),
        "programme_id": None if programme == "-" else int(programme),
        "language": language,
    }


def dashboard_pdf(*, user, section: str, year: int, unit_id, programme_id, language: str):
    from weasyprint import HTML

    from reporting import selectors
    from socialwork.people.models import Unit

    unit = selectors.viewer_units(user).filter(pk=unit_id).first() if unit_id else None
    with translation.override(language):
        scope = selectors.scope_for(user, year=year, unit=unit, programme_id=programme_id)
        figures = selectors.SECTIONS[section].make(scope)
        html = render_to_string(
            "reporting/dashboard_pdf.html",
            {
                "section": figures,
                "scope": scope,
                "charts": [(metric, metric.chart(scope)) for metric in figures.metrics],
                "scope_label": selectors.scope_label(scope, unit=unit),
                "organisation": settings.SOCIALWORK_ORGANISATION_NAME,
                "made": timezone.localtime(),
                "min_respondents": settings.SOCIALWORK_MIN_RESPONDENTS,
                "units": Unit.objects.filter(pk__in=scope.unit_ids or []).order_by("name"),
            },
        )
    # PDF/UA: tagged, with a language and a title, read in order by a screen reader.
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def _render(document) -> bytes:
    return dashboard_pdf(user=document.requested_by, **parse_object_id(document.object_id))


def _filename(document) -> str:
    chosen = parse_object_id(document.object_id)
    return f"raportti-{chosen['section']}-{chosen['year']}-{document.requested_at:%Y-%m-%d}.pdf"


register_document_kind(DocumentKind(name=DASHBOARD, render=_render, filename=_filename))


def run_object_id(*, run_id: int, language: str) -> str:
    return f"{run_id}:{language}"


def run_pdf(*, user, run_id: int, language: str) -> bytes:
    """A group run's report (domain guide §6.2): facts, enrolment, attendance per session,
    goals, the evaluations after sessions by the one rule for figures from answers, and
    the final evaluation. Counts and figures only: no participant is named."""
    from weasyprint import HTML

    from groups.models import FinalEvaluation
    from groups.selectors import final_evaluation_for, run_get_for_user
    from groups.selectors.evaluations import run_evaluation_summary, run_figures
    from groups.selectors.figures import run_session_attendance

    run = run_get_for_user(user, run_id)
    if run is None:  # no longer theirs to read: nothing is made
        raise PermissionError("the run is not visible to the one who asked")
    with translation.override(language):
        evaluation = run_evaluation_summary(run, protect=True)
        final = final_evaluation_for(run)
        # The seed's questions and the group's answers; who took part stays out (names).
        final_answers = [
            (str(final._meta.get_field(name).verbose_name), getattr(final, name))
            for name in FinalEvaluation.QUESTIONS
            if final is not None and getattr(final, name)
        ]
        html = render_to_string(
            "reporting/run_pdf.html",
            {
                "run": run,
                "figures": run_figures(run, protect=True),
                "attendance": run_session_attendance(run),
                "evaluation": evaluation,
                "final": final,
                "final_answers": final_answers,
                "organisation": settings.SOCIALWORK_ORGANISATION_NAME,
                "made": timezone.localtime(),
                "min_respondents": settings.SOCIALWORK_MIN_RESPONDENTS,
                "language": language,
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def _run_render(document) -> bytes:
    run_id, language = document.object_id.split(":")
    return run_pdf(user=document.requested_by, run_id=int(run_id), language=language)


def _run_filename(document) -> str:
    return (
        f"ryhman-raportti-{document.object_id.split(':')[0]}-{document.requested_at:%Y-%m-%d}.pdf"
    )


register_document_kind(DocumentKind(name=RUN, render=_run_render, filename=_run_filename))


def annual_object_id(*, report: str, year: int, unit_id, language: str) -> str:
    return f"{report}:{year}:{unit_id or '-'}:{language}"


def parse_annual_object_id(object_id: str) -> dict:
    report, year, unit, language = object_id.split(":")
    return {
        "report": report,
        "year": int(year),
        "unit_id": None if unit == "-" else int(unit),
        "language": language,
    }


def annual_pdf(*, user, report: str, year: int, unit_id, language: str) -> bytes:
    """An annual report (the survey's, the councils', the experts', or the impact report
    that gathers them all): the dashboards' sections for the whole year, with what each
    report adds, in the language asked for (the decision makers' Finnish or Swedish)."""
    from weasyprint import HTML

    from reporting import selectors

    unit = selectors.viewer_units(user).filter(pk=unit_id).first() if unit_id else None
    if unit_id and unit is None:  # no longer theirs to read: nothing is made
        raise PermissionError("the unit is not visible to the one who asked")
    title, purpose, _sections = selectors.ANNUAL_REPORTS[report]
    with translation.override(language):
        scope = selectors.scope_for(user, year=year, unit=unit, programme_id=None)
        html = render_to_string(
            "reporting/annual_pdf.html",
            {
                "title": str(title),
                "purpose": str(purpose),
                "parts": selectors.annual_parts(user, scope, report),
                # The decision makers' summary: the main trends drawn, each council's year
                # in one row (the councils' own report lists what each one sent).
                "summary_only": report == "impact",
                "scope": scope,
                "scope_label": selectors.scope_label(scope, unit=unit),
                "organisation": settings.SOCIALWORK_ORGANISATION_NAME,
                "made": timezone.localtime(),
                "min_respondents": settings.SOCIALWORK_MIN_RESPONDENTS,
            },
        )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def _annual_render(document) -> bytes:
    return annual_pdf(user=document.requested_by, **parse_annual_object_id(document.object_id))


def _annual_filename(document) -> str:
    chosen = parse_annual_object_id(document.object_id)
    return (
        f"vuosiraportti-{chosen['report']}-{chosen['year']}-{chosen['language']}-"
        f"{document.requested_at:%Y-%m-%d}.pdf"
    )


register_document_kind(DocumentKind(name=ANNUAL, render=_annual_render, filename=_annual_filename))
