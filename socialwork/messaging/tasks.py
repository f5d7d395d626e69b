from celery import shared_task

from socialwork.messaging import services


@shared_task(ignore_result=True)
def send_due_messages() -> int:
    """Run by beat every minute and nudged after each queued message. Safe to run many at
    once: each message is taken under a row lock that others skip."""
    return services.send_due()
