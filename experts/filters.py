import django_filters
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from experts import cvform, selectors
from experts.models import AREA_CODES, CV, AssignmentType, Expert
from socialwork.people.models import Language


def area_choices():
    language = (translation.get_language() or "fi")[:2]
    return [(code, cvform.area_label(code, language)) for code in AREA_CODES]


class RosterFilter(django_filters.FilterSet):
    """Search the CV folder by experience, assignment, language and availability."""

    q = django_filters.CharFilter(label=_("Search words"), method="filter_text")
    area = django_filters.ChoiceFilter(
        label=_("Experience of"), choices=area_choices, method="filter_area", empty_label=_("All")
    )
    assignment = django_filters.ChoiceFilter(
        label=_("Takes assignments"),
        choices=AssignmentType.choices,
        method="filter_assignment",
        empty_label=_("All"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Speaks"), choices=Language.choices, method="filter_language", empty_label=_("All")
    )
    available = django_filters.BooleanFilter(
        label=_("Available now (not resting)"),
        method="filter_available",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = CV
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.filter(selectors.search_q(value.strip())) if value.strip() else queryset

    def filter_area(self, queryset, name, value):
        return queryset.filter(experience__has_key=value)

    def filter_assignment(self, queryset, name, value):
        return queryset.filter(assignment_types__contains=[value])

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__contains=[value])

    def filter_available(self, queryset, name, value):
        return queryset.filter(expert__status=Expert.Status.ACTIVE) if value else queryset
