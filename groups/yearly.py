"""The groups' courses on the annual clock: each run's start (domain guide §4.6: course
runs, e.g. Fyrkkaa & fiilistä four times a year)."""

from django.urls import reverse

from groups.models import GroupRun
from socialwork.core.yearly import YearEntry, register_year_source


@register_year_source("groups")
def course_starts(year: int, unit_ids) -> list[YearEntry]:
    runs = GroupRun.objects.filter(starts_on__year=year).exclude(status=GroupRun.Status.CANCELLED)
    if unit_ids is not None:
        runs = runs.filter(unit_id__in=unit_ids)
    return [
        YearEntry(
            day=starts_on,
            kind="course",
            title=name,
            url=reverse("groups:run_detail", args=[pk]),
            unit_id=unit_id,
        )
        for pk, name, starts_on, unit_id in runs.values_list("pk", "name", "starts_on", "unit_id")
    ]
