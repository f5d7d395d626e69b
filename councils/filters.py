import django_filters
from django.utils.translation import gettext_lazy as _

from councils import selectors
from councils.models import Council


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
