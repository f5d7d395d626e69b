from celery import shared_task

from socialwork.messaging import services


@shared_task(ignore_result=True)
def send_due_messages() -> int:
    """Run by beat every minute and nudged after each queued message. Safe to run many at
    once: each message is claimed under a row lock that others skip. A run that stops with
    messages left hands over to a new task, so a big batch keeps every worker busy without
    one task holding a worker for long."""
    handled, more = services.send_due()
    if more:
        send_due_messages.delay()
    return handled


@shared_task(ignore_result=True)
def queue_due_reminders() -> int:
    """Run by beat every two minutes: queue the reminders that have come due. Safe to run
    twice: every reminder has its idempotency key."""
    return services.reminders_queue()
