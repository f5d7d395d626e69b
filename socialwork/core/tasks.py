from celery import shared_task

from socialwork.core.retention import retention_run


@shared_task(ignore_result=True)
def retention_enforce() -> dict[str, int]:
    """Every night: remove or anonymise what has passed its retention time (see
    socialwork/core/retention.py). Safe to run twice: what was done is no longer due."""
    return retention_run()
