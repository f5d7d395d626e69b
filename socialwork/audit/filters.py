import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from socialwork.audit.models import AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(
        label=_("Staff member (username)"), field_name="actor_label", lookup_expr="icontains"
    )
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=AuditEvent.Action.choices, empty_label=_("All")
    )
    target = django_filters.CharFilter(
        label=_("Object (for example a client's name)"),
        field_name="shown_label",  # never a name the reader may not see
        lookup_expr="icontains",
    )
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=None, empty_label=_("All"))
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields = ["actor", "action", "target", "unit", "date_from", "date_to"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = units
