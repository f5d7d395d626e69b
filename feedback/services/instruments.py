"""Instrument versions: whether one has answers, and a new version to edit."""

from django.db import transaction

from feedback.models import (
    Instrument,
    InstrumentVersion,
    Response,
)
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record


def version_has_answers(version: InstrumentVersion) -> bool:
    return Response.objects.filter(version=version).exists()


@transaction.atomic
def version_copy(*, version: InstrumentVersion, actor) -> InstrumentVersion:
    """The next version of an instrument, a copy of `version` to be edited. A version that
    has answers is never edited itself, so old answers keep the questions they answered;
    results put versions side by side only on the questions that stayed the same."""
    instrument = Instrument.objects.select_for_update().get(pk=version.instrument_id)
    latest = instrument.versions.order_by("-number").first()
    copy = InstrumentVersion.objects.create(
        instrument=instrument,
        number=latest.number + 1,
        intro=version.intro,
        translated=version.translated,
        source=version.source,
        scale_labels=version.scale_labels,
    )
    for item in version.items.all():
        item.pk = None
        item.version = copy
        item.save()
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=copy)
    return copy
