from celery import shared_task

from councils import services


@shared_task
def send_due_packets() -> int:
    return services.packets_due()


@shared_task
def remind_proposal_deadlines() -> int:
    return services.deadline_reminders_queue()
