from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.generic import TemplateView

from socialwork.core.mixins import PredicateRequiredMixin
from socialwork.core.navigation import start_cards_for
from socialwork.people.permissions import is_staff_member


class HomeView(LoginRequiredMixin, TemplateView):
    """The start page: a card from each app that has something for this staff member."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            start_cards=start_cards_for(user), has_no_role=not is_staff_member(user), **kwargs
        )


class ComingSoonView(PredicateRequiredMixin, TemplateView):
    """Stands where a feature still to be built will be, and says so plainly. The app that
    will hold the feature uses it with its own title, description and predicate."""

    template_name = "core/coming_soon.html"
    title = ""
    description = ""
    predicate = None

    def allowed(self, user) -> bool:
        return self.predicate(user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, description=self.description, **kwargs)


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No context processors: the page must render even when the database is what failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
