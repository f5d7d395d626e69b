import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from participation import permissions
from participation.models import ClientGroup, Collection, Event, Report, Signal, Theme
from socialwork.people.models import Unit


class ReportFilter(django_filters.FilterSet):
    """The reports by theme, signal, unit, client group, collection, month and whether they
    are processed."""

    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=Theme.objects.all(), empty_label=_("All")
    )
    signal = django_filters.ChoiceFilter(
        label=_("Signal"), choices=Signal.choices, empty_label=_("All")
    )
    client_group = django_filters.ChoiceFilter(
        label=_("Whom it concerns"), choices=ClientGroup.choices, empty_label=_("All")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.none(), empty_label=_("All")
    )
    collection = django_filters.ModelChoiceFilter(
        label=_("Collection"), queryset=Collection.objects.none(), empty_label=_("All")
    )
    sent_from = django_filters.DateFilter(
        label=_("Sent from"),
        field_name="sent_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sent_to = django_filters.DateFilter(
        label=_("Sent until"),
        field_name="sent_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    processed = django_filters.BooleanFilter(
        label=_("Processed"),
        field_name="processed_at",
        lookup_expr="isnull",
        exclude=True,
        widget=forms.NullBooleanSelect,
    )

    class Meta:
        model = Report
        fields = ["theme", "signal", "client_group", "unit", "collection", "processed"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.order_by("name")
        allowed = permissions.read_unit_ids(user)
        if allowed is not None:
            units = units.filter(pk__in=allowed)
        self.filters["unit"].queryset = units
        from participation.selectors import collections_for

        self.filters["collection"].queryset = collections_for(user).order_by("-opens_on")


class EventFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="starts_on", lookup_expr="year", min_value=2000, max_value=2100
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Event.Kind.choices, empty_label=_("All")
    )

    class Meta:
        model = Event
        fields = ["year", "kind"]
