import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from socialwork.people.models import Client
from socialwork.people.selectors import units_for_user


class ClientFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("Name"), method="filter_name")
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=None, empty_label=_("All"))

    class Meta:
        model = Client
        fields = ["name", "unit"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = units_for_user(user)

    def filter_name(self, queryset, name, value):
        # Every word must match a first or last name: "anna kor" finds Anna Korhonen.
        for word in value.split()[:5]:
            queryset = queryset.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        return queryset
