"""The roster of published CVs (the electronic CV folder) and a CV's printable page."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from django.views import View
from django.views.generic import ListView, TemplateView

from experts import cvform, permissions, selectors, services
from experts.filters import RosterFilter
from socialwork.core.mixins import FilteredListMixin, PredicateRequiredMixin
from socialwork.documents.views import file_response


class RosterView(PredicateRequiredMixin, FilteredListMixin, ListView):
    template_name = "experts/roster.html"
    context_object_name = "cvs"
    paginate_by = 30
    filterset_class = RosterFilter

    def allowed(self, user):
        return permissions.can_read_roster(user)

    def get_base_queryset(self):
        return selectors.roster()

    def get_context_data(self, **kwargs):
        language = (translation.get_language() or "fi")[:2]
        context = super().get_context_data(**kwargs)
        for cv in context["cvs"]:
            cv.area_labels = [cvform.area_label(code, language) for code in cv.areas]
        return {
            **context,
            "is_coordinator": permissions.is_coordinator(self.request.user),
            "can_order": permissions.can_order(self.request.user),
        }


class CVDetailView(PredicateRequiredMixin, TemplateView):
    """One CV as the seed's form has it, to read or print."""

    template_name = "experts/cv_detail.html"

    def allowed(self, user):
        return permissions.can_read_roster(user)

    def get_context_data(self, **kwargs):
        cv = selectors.cv_for_staff(self.kwargs["pk"])
        if cv is None:
            raise Http404
        # The form speaks the CV's own language (the labels are data in each).
        return super().get_context_data(
            form=cvform.form_context(cv),
            is_coordinator=permissions.is_coordinator(self.request.user),
            can_order=permissions.can_order(self.request.user),
            **kwargs,
        )


def _language() -> str:
    language = (translation.get_language() or "fi")[:2]
    return language if language in ("fi", "sv", "en") else "fi"


class FolderView(PredicateRequiredMixin, TemplateView):
    """The whole CV folder as one PDF, made by a worker; the page polls until it is ready.
    A folder made before the newest CV was published is made again on request."""

    template_name = "experts/folder.html"

    def allowed(self, user):
        return permissions.can_read_roster(user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            document=selectors.folder_document(language=_language()),
            count=selectors.roster().count(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        # A folder already being made, or made since the roster last changed, is reused.
        if selectors.folder_document(language=_language()) is None:
            services.folder_request(actor=request.user, language=_language())
        return redirect("experts:folder")


class FolderDownloadView(PredicateRequiredMixin, View):
    def allowed(self, user):
        return permissions.can_read_roster(user)

    def get(self, request, *args, **kwargs):
        response = file_response(selectors.folder_document(pk=kwargs["pk"]))
        services.folder_downloaded(actor=request.user)
        return response
