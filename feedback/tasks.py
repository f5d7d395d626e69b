from celery import shared_task

from feedback import services


@shared_task(ignore_result=True)
def release_contact_slips() -> None:
    services.contact_slips_release()
