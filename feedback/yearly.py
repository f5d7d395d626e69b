"""The client satisfaction survey's campaigns on the annual clock: the survey month of each
unit (domain guide §4.6: yearly, in a fixed month)."""

import datetime

from django.urls import reverse

from feedback.models import Campaign
from socialwork.core.yearly import YearEntry, register_year_source


@register_year_source("feedback")
def survey_months(year: int, unit_ids) -> list[YearEntry]:
    campaigns = Campaign.objects.filter(year=year, instrument__code="survey", scope="")
    if unit_ids is not None:
        campaigns = campaigns.filter(unit_id__in=unit_ids)
    rows = campaigns.values_list("pk", "month", "unit_id", "unit__name", "instrument_id")
    results = reverse("feedback:results")
    return [
        YearEntry(
            day=datetime.date(year, month, 1),
            kind="survey",
            title=unit_name,
            url=f"{results}?instrument={instrument_id}&year={year}&campaign={pk}",
            unit_id=unit_id,
        )
        for pk, month, unit_id, unit_name, instrument_id in rows
    ]
