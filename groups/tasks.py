from celery import shared_task


@shared_task(ignore_result=True)
def refresh_figures() -> None:
    """The dashboards' figures by month, read again (groups.services.figures)."""
    from groups.services import figures_refresh

    figures_refresh()
