from celery import shared_task

from participation import services


@shared_task
def notify_collections() -> int:
    """The invitations of collections that open today and the reminder before one closes:
    idempotent (the outbox's keys and the collection's stamps), so a run missed or run
    twice changes nothing."""
    return services.collections_notify()


@shared_task
def discard_old_summaries() -> int:
    return services.summaries_discard_old()


@shared_task
def remind_clock_owners() -> int:
    """Each annual-clock item's owner, the set number of days before each time: once per
    time (the outbox's key), so an hourly run sends nothing twice."""
    return services.clock_reminders_queue()
