from celery import shared_task

from reporting import services


@shared_task
def discard_old_reports() -> int:
    return services.reports_discard_old()


@shared_task(ignore_result=True)
def prepare_dashboards() -> None:
    """Every ten minutes: this year's and last year's figures ready (services)."""
    services.dashboards_prepare()


@shared_task(ignore_result=True)
def prepare_past_dashboards() -> None:
    """At night: every year a dashboard offers, its hidden figures cached again before
    they expire (a past year's counts rarely change, but its cache entry does age)."""
    from django.utils import timezone

    from reporting.forms import FIRST_YEAR

    services.dashboards_prepare(years=list(range(FIRST_YEAR, timezone.localdate().year + 1)))
