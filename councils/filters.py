import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils import selectors
from councils.models import Council, Proposal


class CouncilFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Council.Status.choices, empty_label=_("All")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), field_name="units", queryset=None, empty_label=_("All")
    )

    class Meta:
        model = Council
        fields = ["status", "unit"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = selectors.council_units_for_user(user)


class ProposalFilter(django_filters.FilterSet):
    """What the councils dashboard counts, as a list: by the year sent, kind, state,
    outcome and unit, and the answers overdue today."""

    year = django_filters.NumberFilter(
        label=_("Year sent"), field_name="sent_at", lookup_expr="year", min_value=2000
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Proposal.Kind.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[c for c in Proposal.Status.choices if c[0] != Proposal.Status.DRAFT],
        empty_label=_("All"),
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Outcome"), choices=Proposal.Outcome.choices, empty_label=_("All")
    )
    answered_year = django_filters.NumberFilter(
        label=_("Year answered"), field_name="answered_on", lookup_expr="year", min_value=2000
    )
    answered = django_filters.BooleanFilter(
        label=_("Answer received"), method="filter_answered", widget=forms.NullBooleanSelect
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), method="filter_unit", queryset=None, empty_label=_("All")
    )
    overdue = django_filters.BooleanFilter(
        label=_("Only answers overdue"), method="filter_overdue", widget=forms.CheckboxInput
    )

    class Meta:
        model = Proposal
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = selectors.council_units_for_user(user)

    def filter_answered(self, queryset, name, value):
        return queryset.filter(answered_on__isnull=not value)

    def filter_unit(self, queryset, name, value):
        # A subquery: a council of two units would list its proposals twice in a join.
        councils = Council.units.through.objects.filter(unit=value).values("council_id")
        return queryset.filter(council_id__in=councils)

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Q(status=Proposal.Status.SENT) & Q(deadline__lt=timezone.localdate())
        )
