"""The experience experts' supervision on the annual clock (domain guide §4.6: regular
supervision of experts). The organisation's, not a unit's."""

from django.urls import reverse
from django.utils import timezone

from experts.models import Gathering
from socialwork.core.yearly import YearEntry, register_year_source


@register_year_source("experts")
def supervision(year: int, unit_ids) -> list[YearEntry]:
    gatherings = Gathering.objects.filter(
        starts_at__year=year, kind=Gathering.Kind.SUPERVISION, cancelled_at__isnull=True
    ).values_list("pk", "starts_at")
    return [
        YearEntry(
            day=timezone.localdate(starts_at),
            kind="supervision",
            title=str(Gathering.Kind.SUPERVISION.label),
            url=reverse("experts:gathering_detail", args=[pk]),
        )
        for pk, starts_at in gatherings
    ]
