from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from socialwork.core.mixins import PredicateRequiredMixin
from socialwork.core.permissions import FEATURE_ACCESS
from socialwork.core.selectors import start_page_for


class HomeView(LoginRequiredMixin, TemplateView):
    """The start page: one section for each role the staff member holds."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(start=start_page_for(self.request.user), **kwargs)


class ComingSoonView(PredicateRequiredMixin, TemplateView):
    """Stands where a later feature will be, and says so plainly."""

    template_name = "core/coming_soon.html"
    feature = ""
    FEATURES = {
        "councils": (
            _("Client councils"),
            _("Client council meetings, proposals to management and their answers."),
        ),
        "experts": (
            _("Experience experts"),
            _("The experience-expert roster, orders, bookings and fees."),
        ),
        "reports": (
            _("Reports"),
            _("Dashboards and PDF reports for management and decision makers."),
        ),
    }

    def allowed(self, user) -> bool:
        return FEATURE_ACCESS[self.feature](user)

    def get_context_data(self, **kwargs):
        title, description = self.FEATURES[self.feature]
        return super().get_context_data(title=title, description=description, **kwargs)


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No context processors: the page must render even when the database is what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
