"""Fees: agreed with the booking, approved by the coordinator after the event, then sent to
payroll (a unit orders: the fee is paid as a fee through payroll) or invoiced (an outside
organisation orders and pays), and in the end paid. A fee that went out in an export or an
invoice is marked with it and never goes out again unless the coordinator reopens it."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from experts.models import Booking, FeeBatch, Order
from experts.services.orders import fee_warning
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.people.models import User

# A fee is owed for a booking that was done, and for one the orderer cancelled late.
OWED_Q = Q(status=Booking.Status.DONE) | Q(
    status=Booking.Status.CANCELLED,
    order__late_cancellation=True,
    order__cancelled_by=Order.CancelledBy.ORDERER,
)


def _month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    following = (
        first.replace(year=first.year + 1, month=1)
        if first.month == 12
        else first.replace(month=first.month + 1)
    )
    return first, following


@transaction.atomic
def fee_set(*, actor: User, booking: Booking, amount) -> tuple[Booking, str]:
    """The fee tailored to the event. Returns the booking and a warning for an unusual sum."""
    booking = Booking.objects.select_for_update().select_related("expert").get(pk=booking.pk)
    if not booking.expert.takes_fees:
        raise ValidationError(_("An employed expert is paid no fees per assignment."))
    if booking.fee_state not in (Booking.FeeState.AGREED, Booking.FeeState.NONE):
        raise ValidationError(_("An approved fee is changed only after it is reopened."))
    try:
        amount = Decimal(str(amount).replace(",", ".").replace("€", "").strip())
    except InvalidOperation as error:
        raise ValidationError(
            {"fee": _("Write the fee in euros, for example 50 or 45,50.")}
        ) from error
    if amount < 0 or amount > Decimal("10000"):
        raise ValidationError({"fee": _("Write the fee in euros, for example 50 or 45,50.")})
    booking.fee = amount.quantize(Decimal("0.01"))
    booking.fee_state = Booking.FeeState.AGREED
    booking.save(update_fields=["fee", "fee_state"])
    audit_record(actor=actor, action=AuditEvent.Action.CHANGE, obj=booking, changed_fields=["fee"])
    return booking, fee_warning(booking.fee)


@transaction.atomic
def fees_approve(*, actor: User, bookings) -> int:
    """Approve the agreed fees of bookings that are owed. Returns how many."""
    ids = [b.pk for b in bookings]
    rows = list(
        Booking.objects.select_for_update(of=("self",)).filter(
            OWED_Q, pk__in=ids, fee_state=Booking.FeeState.AGREED, fee__gt=0
        )
    )
    now = timezone.now()
    for booking in rows:
        booking.fee_state = Booking.FeeState.APPROVED
        booking.fee_approved_at = now
        booking.save(update_fields=["fee_state", "fee_approved_at"])
        audit_record(
            actor=actor, action=AuditEvent.Action.CHANGE, obj=booking, changed_fields=["fee_state"]
        )
    return len(rows)


@transaction.atomic
def fees_mark_paid(*, actor: User, bookings, paid_on: date) -> int:
    ids = [b.pk for b in bookings]
    rows = list(
        Booking.objects.select_for_update().filter(
            pk__in=ids, fee_state__in=(Booking.FeeState.PAYROLL, Booking.FeeState.INVOICED)
        )
    )
    if paid_on > timezone.localdate():
        raise ValidationError(_("The payment date cannot be in the future."))
    for booking in rows:
        booking.fee_state = Booking.FeeState.PAID
        booking.fee_paid_at = paid_on
        booking.save(update_fields=["fee_state", "fee_paid_at"])
        audit_record(
            actor=actor, action=AuditEvent.Action.CHANGE, obj=booking, changed_fields=["fee_state"]
        )
    return len(rows)


@transaction.atomic
def fee_reopen(*, actor: User, booking: Booking) -> Booking:
    """Back to approved, out of its export or invoice: the next export carries it again."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.fee_state not in (Booking.FeeState.PAYROLL, Booking.FeeState.INVOICED):
        raise ValidationError(_("Only a fee sent to payroll or invoiced is reopened."))
    booking.fee_state = Booking.FeeState.APPROVED
    booking.batch = None
    booking.fee_sent_at = None
    booking.save(update_fields=["fee_state", "batch", "fee_sent_at"])
    audit_record(
        actor=actor, action=AuditEvent.Action.CHANGE, obj=booking, changed_fields=["fee_reopened"]
    )
    return booking


def _next_number(kind: str) -> int:
    # Numbers are taken under the table lock below, so two exports never share one.
    return (FeeBatch.objects.filter(kind=kind).aggregate(n=Max("number"))["n"] or 0) + 1


def _lock_batches() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE experts_feebatch IN SHARE ROW EXCLUSIVE MODE")


def payable_for_payroll(month: date):
    """Approved fees of the month's events ordered by units, not yet exported."""
    first, following = _month_bounds(month)
    return Booking.objects.filter(
        fee_state=Booking.FeeState.APPROVED,
        batch__isnull=True,
        order__organisation__isnull=True,
        order__starts_at__date__gte=first,
        order__starts_at__date__lt=following,
    )


def payable_for_invoice(month: date, organisation):
    first, following = _month_bounds(month)
    return Booking.objects.filter(
        fee_state=Booking.FeeState.APPROVED,
        batch__isnull=True,
        order__organisation=organisation,
        order__starts_at__date__gte=first,
        order__starts_at__date__lt=following,
    )


@transaction.atomic
def payroll_export(*, actor: User, month: date) -> FeeBatch | None:
    """One export of the month's approved fees: each is marked sent to payroll and belongs
    to this export from now on. None when there is nothing to export."""
    _lock_batches()
    rows = list(payable_for_payroll(month).select_for_update(of=("self",)))
    if not rows:
        return None
    batch = FeeBatch.objects.create(
        kind=FeeBatch.Kind.PAYROLL,
        month=month.replace(day=1),
        number=_next_number(FeeBatch.Kind.PAYROLL),
        created_by=actor,
    )
    now = timezone.now()
    Booking.objects.filter(pk__in=[b.pk for b in rows]).update(
        fee_state=Booking.FeeState.PAYROLL, fee_sent_at=now, batch=batch
    )
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=batch, changed_fields=["fees"])
    return batch


@transaction.atomic
def invoice_create(*, actor: User, month: date, organisation) -> FeeBatch | None:
    """One invoice to an outside orderer for the month's approved fees; its PDF is made by
    a worker (documents)."""
    from socialwork.documents.services import document_request

    _lock_batches()
    rows = list(payable_for_invoice(month, organisation).select_for_update(of=("self",)))
    if not rows:
        return None
    batch = FeeBatch.objects.create(
        kind=FeeBatch.Kind.INVOICE,
        month=month.replace(day=1),
        organisation=organisation,
        number=_next_number(FeeBatch.Kind.INVOICE),
        created_by=actor,
    )
    Booking.objects.filter(pk__in=[b.pk for b in rows]).update(
        fee_state=Booking.FeeState.INVOICED, fee_sent_at=timezone.now(), batch=batch
    )
    batch.document = document_request(
        kind="experts.invoice", object_id=batch.pk, requested_by=actor
    )
    batch.save(update_fields=["document"])
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=batch, changed_fields=["fees"])
    return batch
