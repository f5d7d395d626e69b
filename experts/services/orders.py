"""Orders and bookings: a worker (or the coordinator for an outside organisation) orders;
the coordinator asks experts; an expert accepts or declines on their own page or by phone;
an acceptance is confirmed at once when it can be. Confirmation is where PostgreSQL's
exclusion constraint stops a double booking (models.Booking), and where a client meeting
needs the client's consent."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from experts import notices
from experts.models import AREA_CODES, Booking, Expert, Order
from experts.services.page import page_link_for_message
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.messaging.services import email_queue, messages_withdraw, notice_queue
from socialwork.people.models import Consent, User
from socialwork.people.services import consent_record

ORDER_FIELDS = (
    "assignment_type",
    "starts_at",
    "ends_at",
    "place",
    "online",
    "audience",
    "topic",
    "areas",
    "language",
    "wished_expert",
    "experts_needed",
    "fee_offered",
    "unit",
    "organisation",
    "cost_centre",
    "contact_email",
    "client",
    "goal",
    "agreement",
)
# Changing these moves the booking's time: the experts are told again.
TIME_FIELDS = ("starts_at", "ends_at")
OVERLAP = "experts_booking_no_overlap"


def _check_order(order: Order) -> None:
    errors = {}
    if order.starts_at and order.ends_at and order.ends_at <= order.starts_at:
        errors["ends_at"] = _("The end must be after the start.")
    if order.is_client_meeting and order.client_id is None:
        errors["client"] = _("Choose the client the meeting is with.")
    if not order.is_client_meeting:
        order.client = None
        order.consent = None
    if order.unit_id is None and order.organisation_id is None:
        errors["unit"] = _("Say who orders and pays: a unit or an outside organisation.")
    if order.experts_needed < 1 or order.experts_needed > 10:
        errors["experts_needed"] = _("Between 1 and 10 experts.")
    order.areas = [code for code in order.areas if code in AREA_CODES]
    if errors:
        raise ValidationError(errors)


def fee_warning(amount: Decimal | None) -> str:
    """Said, never refused: fees are tailored to the event, usually within the range."""
    low, high = settings.EXPERT_FEE_USUAL_MIN, settings.EXPERT_FEE_USUAL_MAX
    if amount is None or low <= amount <= high:
        return ""
    return _("The fee %(amount)s € is outside the usual %(low)s–%(high)s €. Check it.") % {
        # In the reader's language: 120,00 € in Finnish and Swedish.
        "amount": number_format(amount, use_l10n=True),
        "low": number_format(low, use_l10n=True),
        "high": number_format(high, use_l10n=True),
    }


@transaction.atomic
def order_create(*, actor: User, **data) -> Order:
    order = Order(
        created_by=actor,
        ordered_by=data.pop("ordered_by", None) or (None if data.get("organisation") else actor),
        **{k: v for k, v in data.items() if k in ORDER_FIELDS},
    )
    if order.starts_at and order.starts_at < timezone.now():
        raise ValidationError({"starts_at": _("Choose a time in the future.")})
    _check_order(order)
    order.full_clean()
    order.save()
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=order, unit=order.unit)
    return order


@transaction.atomic
def order_update(*, actor: User, order: Order, **data) -> Order:
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status not in Order.OPEN:
        raise ValidationError(_("A done or cancelled order is not changed."))
    changed = [k for k, v in data.items() if k in ORDER_FIELDS and getattr(order, k) != v]
    for field in changed:
        setattr(order, field, data[field])
    _check_order(order)
    order.full_clean()
    if any(field in changed for field in TIME_FIELDS):
        during = DateTimeTZRange(order.starts_at, order.ends_at, "[)")
        try:
            with transaction.atomic():
                order.bookings.exclude(status__in=(Booking.Status.DECLINED,)).update(during=during)
        except IntegrityError as error:
            raise _overlap_error(error) from error
        # Reminders already queued told the old time.
        messages_withdraw(
            model=Booking, object_ids=list(order.bookings.values_list("pk", flat=True))
        )
    order.save()
    if changed:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CHANGE,
            obj=order,
            unit=order.unit,
            changed_fields=changed,
        )
    return order


def _overlap_error(error: IntegrityError) -> Exception:
    cause = getattr(error, "__cause__", None)
    name = getattr(getattr(cause, "diag", None), "constraint_name", "")
    if name == OVERLAP:
        return ValidationError(
            _("The expert already has a confirmed booking at that time."), code="overlap"
        )
    return error


@transaction.atomic
def booking_ask(*, actor: User, order: Order, experts) -> list[Booking]:
    """Ask these experts: each gets the request by their channel, with their own page to
    answer on. An expert already asked is not asked twice."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status not in (Order.Status.NEW, Order.Status.ASKING):
        raise ValidationError(_("Experts are asked only for an order still waiting for them."))
    if order.starts_at <= timezone.now():
        raise ValidationError(_("The order's time has passed."))
    asked = []
    now = timezone.now()
    for expert in experts:
        if expert.status != Expert.Status.ACTIVE:
            raise ValidationError(
                _("%(name)s is not active and is not asked.") % {"name": expert.client.full_name}
            )
        booking, created = Booking.objects.get_or_create(
            order=order,
            expert=expert,
            defaults={
                "during": DateTimeTZRange(order.starts_at, order.ends_at, "[)"),
                "asked_at": now,
                "asked_by": actor,
                "fee": order.fee_offered if expert.takes_fees else None,
                "fee_state": Booking.FeeState.AGREED
                if expert.takes_fees
                else Booking.FeeState.NONE,
            },
        )
        if not created:
            continue
        link = page_link_for_message(actor=actor, expert=expert)
        notice_queue(
            client=expert.client,
            purpose=notices.REQUEST,
            context=notices.order_context(order),
            key=f"experts.request-{booking.pk}",
            about=booking,
            created_by=actor,
            link=link,
        )
        asked.append(booking)
    if asked and order.status == Order.Status.NEW:
        order.status = Order.Status.ASKING
        order.save(update_fields=["status"])
    audit_record(actor=actor, action=AuditEvent.Action.CHANGE, obj=order, changed_fields=["asked"])
    return asked


def _lock_booking(booking: Booking) -> Booking:
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("order", "expert__client")
        .get(pk=booking.pk)
    )
    # The order too: two confirmations of one order are counted one after the other.
    booking.order = Order.objects.select_for_update().get(pk=booking.order_id)
    return booking


@transaction.atomic
def booking_answer(
    *, booking: Booking, accept: bool, how: str, actor: User | None = None
) -> tuple[Booking, str]:
    """The expert's answer (on their page: actor None; by phone: the coordinator records
    it). An acceptance is confirmed at once when it can be; otherwise it waits for the
    coordinator with the reason, which is returned."""
    booking = _lock_booking(booking)
    if booking.status not in Booking.WAITING:
        raise ValidationError(_("This request has already been answered."))
    if booking.order.status not in (Order.Status.NEW, Order.Status.ASKING):
        raise ValidationError(_("The request is no longer open: the order has changed."))
    if how not in Booking.AnsweredHow.values:
        raise ValidationError(_("Say how the expert answered."))
    booking.answered_at = timezone.now()
    booking.answered_how = how
    booking.status = Booking.Status.ACCEPTED if accept else Booking.Status.DECLINED
    booking.save(update_fields=["answered_at", "answered_how", "status"])
    audit_record(
        actor=actor,
        label="" if actor else "link:expert-page",
        action=AuditEvent.Action.CHANGE,
        obj=booking,
        changed_fields=["accepted" if accept else "declined"],
    )
    if not accept:
        return booking, ""
    try:
        with transaction.atomic():
            booking = booking_confirm(booking=booking, actor=actor)
    except ValidationError as error:
        return booking, " ".join(error.messages)
    return booking, ""


def confirm_blockers(order: Order) -> list[str]:
    """Why an order's bookings cannot be confirmed yet (empty: they can)."""
    blockers = []
    if order.is_client_meeting:
        consent = order.consent
        if consent is None or consent.withdrawn_at is not None:
            blockers.append(_("The client's consent to the expert's presence is not recorded."))
        if not order.agreement.strip():
            blockers.append(_("Write down the confidentiality, roles and division of work agreed."))
    return blockers


@transaction.atomic
def booking_confirm(*, booking: Booking, actor: User | None) -> Booking:
    """Hold the expert's time. PostgreSQL refuses an overlap with another confirmed booking
    of the same expert, even one confirmed at the same moment by someone else."""
    booking = _lock_booking(booking)
    order = booking.order
    if booking.status != Booking.Status.ACCEPTED:
        raise ValidationError(_("Only an accepted request is confirmed."))
    if order.status not in (Order.Status.NEW, Order.Status.ASKING):
        raise ValidationError(_("The order already has its experts or has ended."))
    blockers = confirm_blockers(order)
    if blockers:
        raise ValidationError(blockers)
    booking.status = Booking.Status.CONFIRMED
    booking.confirmed_at = timezone.now()
    booking.during = DateTimeTZRange(order.starts_at, order.ends_at, "[)")
    try:
        with transaction.atomic():
            booking.save(update_fields=["status", "confirmed_at", "during"])
    except IntegrityError as error:
        raise _overlap_error(error) from error
    audit_record(
        actor=actor,
        label="" if actor else "link:expert-page",
        action=AuditEvent.Action.CHANGE,
        obj=booking,
        changed_fields=["confirmed"],
    )
    notice_queue(
        client=booking.expert.client,
        purpose=notices.CONFIRMED,
        context=notices.order_context(order),
        key=f"experts.confirmed-{booking.pk}-{int(order.starts_at.timestamp())}",
        about=booking,
        created_by=actor,
        link=page_link_for_message(actor=actor, expert=booking.expert),
    )
    confirmed = list(
        order.bookings.filter(status=Booking.Status.CONFIRMED).select_related("expert__client")
    )
    if len(confirmed) >= order.experts_needed:
        _order_confirmed(order, confirmed, actor)
    return booking


def _order_confirmed(order: Order, confirmed: list[Booking], actor) -> None:
    order.status = Order.Status.CONFIRMED
    order.save(update_fields=["status"])
    # Those still asked are not needed now; their request closes on their page.
    order.bookings.filter(status__in=Booking.WAITING).update(
        status=Booking.Status.CANCELLED, cancelled_at=timezone.now()
    )
    names = ", ".join(b.expert.client.full_name for b in confirmed)
    to = order.contact_email or (order.ordered_by.email if order.ordered_by else "")
    if not to and order.organisation_id:
        to = order.organisation.email
    language = (
        order.ordered_by.preferred_language
        if order.ordered_by and order.ordered_by.preferred_language
        else order.language
    )
    email_queue(
        to=to,
        language=language,
        purpose=notices.ORDER_CONFIRMED,
        context=notices.order_context(order, experts=names),
        key=f"experts.order-confirmed-{order.pk}-{int(order.starts_at.timestamp())}",
        about=order,
        created_by=actor,
    )


@transaction.atomic
def order_record_consent(*, actor: User, order: Order, how: str) -> Consent:
    """The client agreed to an expert at the meeting: a consent record in the people app
    (who asked: the recorder; when: now; how and which meeting: its details)."""
    order = (
        Order.objects.select_for_update(of=("self",))
        .select_related("client__unit")
        .get(pk=order.pk)
    )
    if not order.is_client_meeting or order.client is None:
        raise ValidationError(_("Only a client meeting needs the client's consent."))
    if how not in dict(Order._meta.get_field("consent_how").choices):
        raise ValidationError({"consent_how": _("Say how the client was asked.")})
    consent = order.client.consents.filter(
        kind=Consent.Kind.EXPERT_PRESENCE, withdrawn_at__isnull=True
    ).first()
    if consent is None:
        label = dict(Order._meta.get_field("consent_how").choices)[how]
        consent = consent_record(
            actor=actor,
            client=order.client,
            kind=Consent.Kind.EXPERT_PRESENCE,
            details=f"{label}: {order.starts_at:%d.%m.%Y} ({order.pk})"[:500],
        )
    order.consent = consent
    order.consent_how = how
    order.save(update_fields=["consent", "consent_how"])
    return consent


@transaction.atomic
def order_cancel(*, actor: User, order: Order, by: str, reason: str = "") -> Order:
    """Cancelled, by whom, and whether late: the confirmed experts are told, their reminders
    withdrawn. An orderer's late cancellation keeps the fees (the expert had kept the time)."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status not in Order.OPEN:
        raise ValidationError(_("This order has already ended."))
    if by not in Order.CancelledBy.values:
        raise ValidationError(_("Say who cancelled."))
    now = timezone.now()
    order.status = Order.Status.CANCELLED
    order.cancelled_at = now
    order.cancelled_by = by
    order.cancel_reason = reason[:300]
    order.late_cancellation = order.starts_at - now < timedelta(
        hours=settings.EXPERT_LATE_CANCEL_HOURS
    )
    order.save()
    bookings = list(order.bookings.select_for_update(of=("self",)).select_related("expert__client"))
    keeps_fee = order.late_cancellation and by == Order.CancelledBy.ORDERER
    for booking in bookings:
        was_confirmed = booking.status == Booking.Status.CONFIRMED
        if booking.status in (*Booking.WAITING, Booking.Status.CONFIRMED):
            booking.status = Booking.Status.CANCELLED
            booking.cancelled_at = now
            if not (keeps_fee and was_confirmed) and booking.fee_state == Booking.FeeState.AGREED:
                booking.fee_state = Booking.FeeState.NONE
            booking.save(update_fields=["status", "cancelled_at", "fee_state"])
        if was_confirmed and order.starts_at > now:
            notice_queue(
                client=booking.expert.client,
                purpose=notices.CANCELLED,
                context=notices.order_context(order),
                key=f"experts.cancelled-{booking.pk}",
                about=booking,
                created_by=actor,
            )
    messages_withdraw(
        model=Booking,
        object_ids=[b.pk for b in bookings],
        purposes=[notices.REMINDER, notices.REQUEST],
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        obj=order,
        unit=order.unit,
        changed_fields=["cancelled"],
    )
    return order


@transaction.atomic
def booking_cancel(*, actor: User, booking: Booking) -> Booking:
    """One expert drops out of a confirmed order: the order asks for an expert again."""
    booking = _lock_booking(booking)
    order = booking.order
    if booking.status not in (*Booking.WAITING, Booking.Status.CONFIRMED):
        raise ValidationError(_("This booking has already ended."))
    if order.status not in Order.OPEN:
        raise ValidationError(_("This order has already ended."))
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    if booking.fee_state == Booking.FeeState.AGREED:
        booking.fee_state = Booking.FeeState.NONE
    booking.save(update_fields=["status", "cancelled_at", "fee_state"])
    messages_withdraw(about=booking)
    if order.status == Order.Status.CONFIRMED:
        order.status = Order.Status.ASKING
        order.save(update_fields=["status"])
    audit_record(
        actor=actor, action=AuditEvent.Action.CHANGE, obj=booking, changed_fields=["cancelled"]
    )
    return booking


@transaction.atomic
def order_done(*, actor: User, order: Order, debrief: str = "") -> Order:
    """The event took place: the confirmed bookings are done and their fees can be approved."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != Order.Status.CONFIRMED:
        raise ValidationError(_("Only a confirmed order is marked done."))
    if order.starts_at > timezone.now():
        raise ValidationError(_("The event has not begun yet."))
    order.status = Order.Status.DONE
    order.done_at = timezone.now()
    if debrief:
        order.debrief = debrief
    order.save(update_fields=["status", "done_at", "debrief"])
    order.bookings.filter(status=Booking.Status.CONFIRMED).update(status=Booking.Status.DONE)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        obj=order,
        unit=order.unit,
        changed_fields=["done"],
    )
    return order


@transaction.atomic
def order_feedback(
    *, actor: User, order: Order, feedback: str, rating: int | None, debrief: str | None = None
) -> Order:
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != Order.Status.DONE:
        raise ValidationError(_("Feedback is given after the event is done."))
    if rating is not None and not 1 <= rating <= 5:
        raise ValidationError({"orderer_rating": _("From 1 to 5.")})
    order.orderer_feedback = feedback
    order.orderer_rating = rating
    fields = ["orderer_feedback", "orderer_rating"]
    if debrief is not None and order.is_client_meeting:
        order.debrief = debrief
        fields.append("debrief")
    order.save(update_fields=fields)
    return order


@transaction.atomic
def booking_expert_feedback(*, booking: Booking, text: str, actor: User | None = None) -> Booking:
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != Booking.Status.DONE:
        raise ValidationError(_("Your own feedback is written after the event."))
    booking.expert_feedback = text.strip()[:2000]
    booking.save(update_fields=["expert_feedback"])
    audit_record(
        actor=actor,
        label="" if actor else "link:expert-page",
        action=AuditEvent.Action.CHANGE,
        obj=booking,
        changed_fields=["expert_feedback"],
    )
    return booking
