from celery import shared_task

from feedback import services


@shared_task(ignore_result=True)
def render_campaign_sheet(campaign_id: int) -> None:
    services.campaign_sheet_render(campaign_id=campaign_id)


@shared_task(ignore_result=True)
def release_contact_slips() -> None:
    services.contact_slips_release()
