"""The dashboards. Thin: the form says what was chosen, the selectors make the figures."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from reporting import selectors
from reporting.forms import DashboardForm
from reporting.permissions import can_open_reports
from socialwork.core.mixins import PredicateRequiredMixin


class DashboardView(PredicateRequiredMixin, TemplateView):
    template_name = "reporting/dashboard.html"

    def allowed(self, user):
        return can_open_reports(user)

    def get_context_data(self, **kwargs):
        key = kwargs.pop("section", "groups")
        if key not in selectors.SECTIONS:
            raise Http404
        form = DashboardForm(self.request.GET or None, user=self.request.user)
        scope = selectors.scope_for(self.request.user, **form.choices())
        section = selectors.SECTIONS[key][1](scope)
        return super().get_context_data(
            form=form,
            scope=scope,
            section=section,
            sections=[(name, title) for name, (title, _make) in selectors.SECTIONS.items()],
            charts=[(metric, metric.chart(scope)) for metric in section.metrics],
            title=_("Dashboard: %(section)s") % {"section": section.title},
            **kwargs,
        )
