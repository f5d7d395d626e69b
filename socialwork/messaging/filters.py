import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from socialwork.messaging import kinds
from socialwork.messaging.models import Message


def _purposes():
    return sorted(((k.purpose, str(k.label)) for k in kinds.all_kinds()), key=lambda c: c[1])


class OutboxFilter(django_filters.FilterSet):
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Message.Channel.choices)
    status = django_filters.ChoiceFilter(label=_("State"), choices=Message.Status.choices)
    reason = django_filters.ChoiceFilter(label=_("Reason"), choices=Message.Reason.choices)
    purpose = django_filters.ChoiceFilter(label=_("Message"), choices=_purposes)
    created_from = django_filters.DateFilter(
        label=_("Made on or after"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    created_to = django_filters.DateFilter(
        label=_("Made on or before"),
        field_name="created_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Message
        fields = []
