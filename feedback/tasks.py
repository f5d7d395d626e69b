from celery import shared_task

from feedback import services


@shared_task(ignore_result=True)
def release_contact_slips() -> None:
    services.contact_slips_release()


@shared_task(ignore_result=True)
def refresh_results() -> None:
    """The results snapshots of the years whose answers have changed (see the service)."""
    services.results_refresh_due()


@shared_task(ignore_result=True)
def make_results_snapshot(instrument_id: int, year: int) -> None:
    from feedback.models import Instrument

    instrument = Instrument.objects.filter(pk=instrument_id).first()
    if instrument is not None:
        services.results_snapshot_make(instrument=instrument, year=year)
