"""Participation's own records on the annual clock: its events and its social-reporting
collections."""

from django.urls import reverse

from participation.models import Collection, Event
from socialwork.core.yearly import KINDS, YearEntry, register_year_source


@register_year_source("participation.events")
def events(year: int, unit_ids) -> list[YearEntry]:
    chosen = Event.objects.filter(starts_on__year=year)
    if unit_ids is not None:
        chosen = chosen.filter(units__in=unit_ids).distinct()
    return [
        YearEntry(
            day=starts_on,
            kind=kind if kind in KINDS else "other",
            title=title,
            url=reverse("participation:event", args=[pk]),
        )
        for pk, kind, title, starts_on in chosen.values_list("pk", "kind", "title", "starts_on")
    ]


@register_year_source("participation.collections")
def collections(year: int, unit_ids) -> list[YearEntry]:
    chosen = Collection.objects.filter(opens_on__year=year)
    if unit_ids is not None:
        chosen = chosen.filter(units__in=unit_ids).distinct()
    return [
        YearEntry(
            day=opens_on,
            kind="sora",
            title=title,
            url=f"{reverse('participation:sora_reports')}?collection={pk}",
        )
        for pk, title, opens_on in chosen.values_list("pk", "title", "opens_on")
    ]
