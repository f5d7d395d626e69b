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
