"""The client councils' meetings on the annual clock (domain guide §4.6)."""

from django.urls import reverse
from django.utils import timezone

from councils.models import Meeting
from socialwork.core.yearly import YearEntry, register_year_source


@register_year_source("councils")
def council_meetings(year: int, unit_ids) -> list[YearEntry]:
    meetings = Meeting.objects.filter(starts_at__year=year, cancelled_at__isnull=True)
    if unit_ids is not None:
        meetings = meetings.filter(council__units__in=unit_ids).distinct()
    rows = meetings.values_list("pk", "starts_at", "council__name").order_by("starts_at")
    return [
        YearEntry(
            day=timezone.localdate(starts_at),
            kind="council",
            title=name,
            url=reverse("councils:meeting_detail", args=[pk]),
        )
        for pk, starts_at, name in rows
    ]
