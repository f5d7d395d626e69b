import django_filters
from django.utils.translation import gettext_lazy as _

from groups import selectors
from groups.models import GroupRun


class RunFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("Group"), lookup_expr="icontains")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=GroupRun.Status.choices, empty_label=_("All")
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=None, empty_label=_("All")
    )
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=None, empty_label=_("All"))

    class Meta:
        model = GroupRun
        fields = ["name", "status", "programme", "unit"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the user's own groups have: a unit they see nothing of is no choice.
        self.filters["programme"].queryset = selectors.programme_list()
        self.filters["unit"].queryset = selectors.run_units_for_user(user)
