from collections.abc import Iterable

from django.db import models

from socialwork.audit.context import current_request
from socialwork.audit.models import AuditEvent


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    label: str = "",
    unit=None,
    changed_fields: Iterable[str] = (),
    object_label: str | None = None,
) -> AuditEvent:
    """Write one audit row. Call it inside the service's transaction, so that a change and
    its audit row are committed together or not at all. `object_label` replaces the
    object's name (an erasure must not keep the name it erased)."""
    event = _event(
        actor=actor, action=action, obj=obj, label=label, unit=unit, changed_fields=changed_fields
    )
    if object_label is not None:
        event.object_label = object_label
    event.save(force_insert=True)
    return event


def audit_records(
    *,
    actor,
    action: str,
    objs: Iterable[models.Model],
    unit_of=None,
    unit_id_of=None,
    changed_fields: Iterable[str] = (),
) -> None:
    """One audit row for each of several objects, in one INSERT: a list page that shows
    personal data records every row it showed, at the cost of one query however many.
    `unit_id_of` names the unit by its id, so that no unit needs to be loaded."""
    events = []
    for obj in objs:
        event = _event(
            actor=actor,
            action=action,
            obj=obj,
            unit=unit_of(obj) if unit_of else None,
            changed_fields=changed_fields,
        )
        if unit_id_of is not None:
            event.unit_id = unit_id_of(obj)
        events.append(event)
    AuditEvent.objects.bulk_create(events)


def _event(*, actor, action, obj=None, label="", unit=None, changed_fields=()) -> AuditEvent:
    info = current_request()
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent(
        actor=user,
        actor_label=(user.get_username() if user else label)[:150],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_label=(str(obj) if obj is not None else "")[:200],
        unit=unit,
        changed_fields=sorted(changed_fields),
        ip_address=info.ip_address if info else None,
        path=info.path if info else "",
    )
