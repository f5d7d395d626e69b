"""The roster of published CVs (the electronic CV folder) and a CV's printable page."""

from django.http import Http404
from django.utils import translation
from django.views.generic import ListView, TemplateView

from experts import cvform, permissions, selectors
from experts.filters import RosterFilter
from socialwork.core.mixins import FilteredListMixin, PredicateRequiredMixin


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
        return {**context, "is_coordinator": permissions.is_coordinator(self.request.user)}


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
        language = cv.language
        return super().get_context_data(
            cv=cv,
            title=cvform.label(cvform.TITLE, language),
            details_heading=cvform.label(cvform.DETAILS, language),
            experience_heading=cvform.label(cvform.EXPERIENCE, language),
            fields=[
                (cvform.label(cvform.FIELDS[name], language), getattr(cv, name))
                for name in ("name", "born_year", "training_year", "background", "motto")
            ],
            story_label=cvform.label(cvform.FIELDS["story"], language),
            experience=cv.experience_rows(language),
            translated=language in cvform.TRANSLATED,
            **kwargs,
        )
