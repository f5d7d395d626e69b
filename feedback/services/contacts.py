"""Contact slips: stored apart from the answers and released to the list together."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import (
    ContactSlip,
    PendingContactSlip,
)
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record, audit_records


def contact_slip_record(
    *,
    slip_id: uuid.UUID | None = None,
    name: str,
    phone: str,
    email: str,
    interest: str,
    message: str,
    unit_id: int | None,
) -> PendingContactSlip:
    """A slip waits in its own table until `contact_slips_release` moves it with others
    (see the models' docstring: nothing in the database may place it next to its answer).
    The tablet sends its own random id for the slip, so that a slip sent again after a lost
    connection is stored once."""
    name = name.strip()
    if not name or not (phone.strip() or email.strip()):
        raise ValidationError(
            _("Write your name and a phone number or an e-mail address."), code="incomplete"
        )
    slip = PendingContactSlip(
        id=slip_id or uuid.uuid4(),
        name=name,
        phone=phone.strip(),
        email=email.strip(),
        interest=interest,
        message=message.strip(),
        unit_id=unit_id,
        waiting_since=timezone.localdate(),
    )
    slip.full_clean(validate_unique=False)
    PendingContactSlip.objects.bulk_create([slip], ignore_conflicts=True)
    return slip


# One statement: the waiting slips are written in random order (their place on disk and
# their transaction are the job's, shared by all of them), dated the day they are moved,
# and taken out of the waiting table. A slip resent after it was moved has the same id and
# is not written twice.
_RELEASE_SQL = """
WITH moved AS (
    DELETE FROM feedback_pendingcontactslip RETURNING *
)
INSERT INTO feedback_contactslip
    (id, name, phone, email, interest, message, unit_id, received_on)
SELECT id, name, phone, email, interest, message, unit_id, %(today)s
FROM moved ORDER BY random()
ON CONFLICT (id) DO NOTHING
"""


@transaction.atomic
def contact_slips_release(*, now: dt.datetime | None = None) -> int:
    """Move the waiting slips to the coordinator's list when there are enough of them that
    none stands out (`CONTACT_SLIP_BATCH`), or when the oldest has waited
    `CONTACT_SLIP_MAX_WAIT_DAYS`: a client who asked to be contacted is not kept waiting for
    long. Returns the number of slips moved."""
    today = timezone.localdate(now)
    # One job at a time: a second one waits here and then finds nothing to move.
    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE feedback_pendingcontactslip IN EXCLUSIVE MODE")
    waiting = PendingContactSlip.objects.aggregate(
        count=models.Count("id"), oldest=models.Min("waiting_since")
    )
    if not waiting["count"]:
        return 0
    long_enough = today - dt.timedelta(days=settings.CONTACT_SLIP_MAX_WAIT_DAYS)
    if waiting["count"] < settings.CONTACT_SLIP_BATCH and waiting["oldest"] > long_enough:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_RELEASE_SQL, {"today": today})
    return waiting["count"]


def contact_slips_viewed(*, actor, slips) -> None:
    """Contact slips name clients and their numbers: each one shown is in the audit log."""
    audit_records(
        actor=actor,
        action=AuditEvent.Action.VIEW,
        objs=slips,
        unit_of=lambda slip: slip.unit,
    )


@transaction.atomic
def contact_slip_handle(*, slip: ContactSlip, actor) -> None:
    slip.handled_at = timezone.now()
    slip.handled_by = actor
    slip.save(update_fields=["handled_at", "handled_by"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        obj=slip,
        unit=slip.unit,
        changed_fields=["handled"],
    )


@transaction.atomic
def contact_slip_take(*, slip: ContactSlip, actor) -> ContactSlip:
    """An app turns the slip into its own record (a council's candidate): locked, refused if
    someone has handled it already, and marked handled in the caller's transaction."""
    slip = ContactSlip.objects.select_for_update().get(pk=slip.pk)
    if slip.handled_at is not None:
        raise ValidationError(_("This contact slip has already been handled."))
    contact_slip_handle(slip=slip, actor=actor)
    return slip


@transaction.atomic
def contact_slip_erase(*, slip: ContactSlip, actor) -> None:
    """The person asked to be forgotten (GDPR Art. 17): a contact slip is nothing but their
    wish to be contacted, so it goes at once, whoever has handled it. The log keeps that a
    slip was erased and by whom, never the name."""
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETE,
        obj=slip,
        unit=slip.unit,
        changed_fields=["erased"],
        object_label="(erased)",
    )
    slip.delete()
