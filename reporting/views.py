"""The dashboards and their PDFs. Thin: the form says what was chosen, the selectors make
the figures, a worker makes the PDF."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from groups.permissions import can_list_runs
from groups.selectors import run_get_for_user
from reporting import selectors, services
from reporting.documents import ANNUAL, DASHBOARD, RUN, parse_annual_object_id, parse_object_id
from reporting.forms import AnnualReportForm, DashboardForm
from reporting.permissions import can_open_reports
from socialwork.core.exports import csv_response, xlsx_response
from socialwork.core.mixins import ObjectForUserMixin, PredicateRequiredMixin
from socialwork.documents.views import file_response


class ReportsMixin(PredicateRequiredMixin):
    def allowed(self, user):
        return can_open_reports(user)


class DashboardView(ReportsMixin, TemplateView):
    """A section's figures for the chosen year, units and programme. The figures are read
    on every request; the section built from them (figures hidden, charts drawn, tables
    rendered) is kept under a key of everything it rests on (selectors.section_cache_key),
    so another look at the same figures, by anyone, only reads them."""

    template_name = "reporting/dashboard.html"

    def get_context_data(self, **kwargs):
        key = kwargs.pop("section", "groups")
        if key not in selectors.SECTIONS:
            raise Http404
        kind = selectors.SECTIONS[key]
        form = DashboardForm(self.request.GET or None, user=self.request.user)
        choices = form.choices()
        scope = selectors.scope_for(self.request.user, **choices)
        section, cache_key = selectors.dashboard_section(key, scope)
        charts = SimpleLazyObject(
            lambda: [(metric, metric.chart(scope)) for metric in section.metrics]
        )
        reports = selectors.reports_of(self.request.user, kind=DASHBOARD)
        return super().get_context_data(
            form=form,
            scope=scope,
            scope_label=selectors.scope_label(scope, unit=choices["unit"]),
            key=key,
            section_title=kind.title,
            section=section,
            section_cache_key=cache_key,
            section_keep_seconds=selectors.SECTION_KEEP_SECONDS,
            sections=[(name, each.title) for name, each in selectors.SECTIONS.items()],
            charts=charts,
            title=_("Dashboard: %(section)s") % {"section": kind.title},
            reports=[(document, _report_title(document)) for document in reports],
            reports_pending=any(document.is_pending for document in reports),
            **kwargs,
        )


def _report_title(document) -> str:
    chosen = parse_object_id(document.object_id)
    kind = selectors.SECTIONS.get(chosen["section"])
    return f"{kind.title if kind else '?'} {chosen['year']}"


class ReportRequestView(ReportsMixin, View):
    """A PDF of what the page shows: the same choices, made in a worker."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        key = kwargs["section"]
        if key not in selectors.SECTIONS:
            raise Http404
        form = DashboardForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, _("That choice is not available. Choose again."))
            return redirect("reporting:dashboard", section=key)
        choices = form.choices()
        scope = selectors.scope_for(request.user, **choices)
        services.report_request(
            actor=request.user,
            section=key,
            year=scope.year,
            unit_id=choices["unit"].pk if choices["unit"] else None,
            programme_id=choices["programme_id"],
            language=(get_language() or "fi")[:2],
        )
        messages.success(request, _("The PDF is being made. It appears below in a moment."))
        query = {
            name: value
            for name, value in (
                ("year", scope.year),
                ("unit", choices["unit"].pk if choices["unit"] else ""),
                ("programme", choices["programme_id"] or ""),
            )
            if value
        }
        url = reverse("reporting:dashboard", kwargs={"section": key})
        return redirect(f"{url}?{urlencode(query)}#reports")


class AnnualReportsView(ReportsMixin, TemplateView):
    """The year's reports for decision makers: chosen here, made in a worker, listed below
    until they are ready to download."""

    template_name = "reporting/annual.html"

    def get_context_data(self, **kwargs):
        language = (get_language() or "fi")[:2]
        documents = selectors.reports_of(self.request.user, kind=ANNUAL, limit=10)
        return super().get_context_data(
            form=kwargs.pop("form", None)
            or AnnualReportForm(user=self.request.user, language=language),
            reports=[
                (key, title, purpose)
                for key, (title, purpose, _parts) in selectors.ANNUAL_REPORTS.items()
            ],
            documents=[(document, _annual_title(document)) for document in documents],
            pending=any(document.is_pending for document in documents),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = AnnualReportForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, _("That choice is not available. Choose again."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        unit = form.cleaned_data["unit"]
        services.annual_report_request(
            actor=request.user,
            report=form.cleaned_data["report"],
            year=form.cleaned_data["year"],
            unit_id=unit.pk if unit else None,
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("The PDF is being made. It appears below in a moment."))
        return redirect(reverse("reporting:annual") + "#reports")


def _annual_title(document) -> str:
    from django.utils.translation import get_language_info

    chosen = parse_annual_object_id(document.object_id)
    title = selectors.ANNUAL_REPORTS.get(chosen["report"], ("?",))[0]
    language = get_language_info(chosen["language"])["name_local"]
    return f"{title} {chosen['year']} ({language})"


class ReportFileView(ReportsMixin, View):
    """A report's file, for the one who asked for it."""

    def get(self, request, *args, **kwargs):
        return file_response(selectors.report_of(request.user, kwargs["pk"]))


class ExportView(ReportsMixin, View):
    """The section's table as CSV or XLSX, hidden figures hidden as on the page."""

    def get(self, request, *args, **kwargs):
        key, fmt = kwargs["section"], kwargs["fmt"]
        if key not in selectors.SECTIONS or fmt not in ("csv", "xlsx"):
            raise Http404
        form = DashboardForm(request.GET or None, user=request.user)
        scope = selectors.scope_for(request.user, **form.choices())
        header, rows = selectors.SECTIONS[key].make(scope).export(scope)
        name = f"raportti-{key}-{scope.year}.{fmt}"
        if fmt == "xlsx":
            return xlsx_response(name, header, rows)
        return csv_response(name, [header, *([_csv(cell) for cell in row] for row in rows)])


def _csv(cell):
    # A Finnish spreadsheet reads a decimal comma; the columns are split by semicolons.
    if isinstance(cell, float):
        return number_format(cell, use_l10n=True)
    return "" if cell is None else cell


class RunReportView(ObjectForUserMixin, TemplateView):
    """A group run's report as a PDF, for those who see the group (its facilitators and
    the unit's supervisors): asked for here, made in a worker, downloaded when ready. A
    group the user does not see is 404, as on the group's own pages."""

    template_name = "reporting/run_report.html"
    object_selector = run_get_for_user

    def allowed(self, user):
        return can_list_runs(user)

    def get_context_data(self, **kwargs):
        run = self.get_object()
        documents = selectors.reports_of(self.request.user, kind=RUN, object_prefix=f"{run.pk}:")
        return super().get_context_data(
            run=run,
            documents=documents,
            pending=any(document.is_pending for document in documents),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        services.run_report_request(
            actor=request.user, run=self.get_object(), language=(get_language() or "fi")[:2]
        )
        messages.success(request, _("The PDF is being made. It appears below in a moment."))
        return redirect("reporting:run_report", pk=kwargs["pk"])
