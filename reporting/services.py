"""Asking for a report and letting old ones go."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from reporting.documents import (
    ANNUAL,
    DASHBOARD,
    RUN,
    annual_object_id,
    dashboard_object_id,
    run_object_id,
)
from socialwork.documents.models import Document
from socialwork.documents.services import document_ask, documents_discard_old


def _report(*, actor, kind: str, object_id: str) -> Document:
    """A report made in a worker, once for a double click; asking is audited."""
    return document_ask(kind=kind, object_id=object_id, actor=actor)


@transaction.atomic
def report_request(
    *, actor, section: str, year: int, unit_id, programme_id, language: str
) -> Document:
    """A dashboard section as a PDF."""
    object_id = dashboard_object_id(
        section=section, year=year, unit_id=unit_id, programme_id=programme_id, language=language
    )
    return _report(actor=actor, kind=DASHBOARD, object_id=object_id)


@transaction.atomic
def run_report_request(*, actor, run, language: str) -> Document:
    """A group run's report as a PDF."""
    object_id = run_object_id(run_id=run.pk, language=language)
    return _report(actor=actor, kind=RUN, object_id=object_id)


@transaction.atomic
def annual_report_request(*, actor, report: str, year: int, unit_id, language: str) -> Document:
    """An annual report as a PDF, in the language asked for."""
    object_id = annual_object_id(report=report, year=year, unit_id=unit_id, language=language)
    return _report(actor=actor, kind=ANNUAL, object_id=object_id)


def reports_discard_old(*, now=None) -> int:
    """Finished reports are kept REPORT_KEEP_DAYS and then their files go (the row stays,
    to say that one was made). Returns how many went."""
    return documents_discard_old(prefix="reporting.", days=settings.REPORT_KEEP_DAYS, now=now)


def dashboards_prepare(*, years: list[int] | None = None) -> list[int]:
    """The groups' figures by month read again, and the hidden figures of the dashboards
    that hide (groups, reminders) worked out for `years` (this year and the last: each
    reads the year before too), so that no reader waits for them. What is hidden is the
    whole organisation's, whoever reads: one computation serves every supervisor. Cached
    by the counts, so a year whose counts have not changed costs a cache read."""
    from groups.services import figures_refresh
    from reporting import selectors

    figures_refresh()
    this_year = timezone.localdate().year
    years = years or [this_year, this_year - 1]
    for year in years:
        scope = selectors.Scope(year=year, months=12, unit_ids=None)
        selectors.groups_section(scope)
        selectors.reminders_section(scope)
    return years
