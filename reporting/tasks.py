from celery import shared_task

from reporting import services


@shared_task
def discard_old_reports() -> int:
    return services.reports_discard_old()
