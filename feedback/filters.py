import django_filters
from django.utils.translation import gettext_lazy as _

from feedback.models import Campaign, ContactSlip, Instrument
from socialwork.people.models import Unit


class CampaignFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"), min_value=2000, max_value=2100)
    instrument = django_filters.ModelChoiceFilter(
        label=_("Survey"),
        queryset=Instrument.objects.filter(is_active=True).order_by("code"),
        empty_label=_("All"),
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.order_by("name"), empty_label=_("All")
    )

    class Meta:
        model = Campaign
        fields = ["year", "instrument", "unit"]


class ContactSlipFilter(django_filters.FilterSet):
    interest = django_filters.ChoiceFilter(
        label=_("Interested in"), choices=ContactSlip.Interest.choices, empty_label=_("All")
    )
    handled = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[("open", _("Not handled yet")), ("handled", _("Handled"))],
        empty_label=_("All"),
        method="filter_handled",
    )

    class Meta:
        model = ContactSlip
        fields = ["interest", "handled"]

    def filter_handled(self, queryset, name, value):
        return queryset.filter(handled_at__isnull=value == "open")
