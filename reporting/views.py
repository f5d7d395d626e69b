from django.utils.translation import gettext_lazy as _

from reporting.permissions import can_open_reports
from socialwork.core.views import ComingSoonView


class HomeView(ComingSoonView):
    # Stands in until the feature is built (its issue replaces this view).
    title = _("Reports")
    description = _("Dashboards and PDF reports for management and decision makers.")
    predicate = staticmethod(can_open_reports)
