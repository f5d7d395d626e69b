"""Orders for experts, their bookings and fees (domain guide §4.2 steps 7-9, §7.3.5-7).

An order (tilaus) comes from a client worker in the app or from an outside organisation.
The coordinator asks one or more experts; an expert who accepts is booked. A booking holds
the expert's time: PostgreSQL refuses two confirmed bookings of one expert that overlap
(an exclusion constraint over the expert and the time range), so no race between two
confirmations can double book anyone. Each booking carries its fee and the fee's way to
payroll or an invoice.
"""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from experts.models.experts import AssignmentType, Expert
from socialwork.people.models import Client, Consent, Language, Unit


class Organisation(models.Model):
    """An outside orderer: a partner organisation, school or project, with billing details."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    business_id = models.CharField(_("business ID"), max_length=20, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    billing_address = models.TextField(_("billing address"), blank=True)
    e_invoice_address = models.CharField(_("e-invoice address"), max_length=100, blank=True)
    billing_reference = models.CharField(_("their reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("outside orderer")
        verbose_name_plural = _("outside orderers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ConsentHow(models.TextChoices):
    IN_PERSON = "in_person", _("In person at a meeting")
    PHONE = "phone", _("By phone")
    WRITING = "writing", _("In writing")


class Order(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        ASKING = "asking", _("Experts asked")
        CONFIRMED = "confirmed", _("Confirmed")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class CancelledBy(models.TextChoices):
        ORDERER = "orderer", _("The orderer")
        EXPERT = "expert", _("The expert")
        COORDINATOR = "coordinator", _("The coordinator")

    OPEN = (Status.NEW, Status.ASKING, Status.CONFIRMED)

    assignment_type = models.CharField(_("assignment"), max_length=20, choices=AssignmentType)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online = models.BooleanField(_("online"), default=False)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    topic = models.TextField(_("topic"))
    areas = ArrayField(
        models.CharField(max_length=30),
        verbose_name=_("experience wished for"),
        default=list,
        blank=True,
    )
    language = models.CharField(
        _("language"), max_length=2, choices=Language, default=Language.FINNISH
    )
    # The worker may pick an expert from the CV folder themselves (002:1505-1507); the
    # coordinator asks that one first.
    wished_expert = models.ForeignKey(
        Expert,
        verbose_name=_("expert wished for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    experts_needed = models.PositiveSmallIntegerField(_("experts needed"), default=1)
    fee_offered = models.DecimalField(
        _("fee offered per expert (EUR)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    # Who orders and pays: a unit of the municipality (its worker in the app) or an outside
    # organisation.
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ordered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_orders",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("ordering unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expert_orders",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("outside orderer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
    )
    cost_centre = models.CharField(_("cost centre"), max_length=30, blank=True)
    contact_email = models.EmailField(_("orderer's e-mail"), blank=True)
    # A client meeting (002:1509-1533): the client's consent is recorded before the booking
    # is confirmed; the agreed goal and the confidentiality, role and division-of-work
    # note; a short debrief afterwards. None of the client's case details are kept here.
    client = models.ForeignKey(
        Client,
        verbose_name=_("client"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_orders",
    )
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("client's consent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_how = models.CharField(
        _("how the client was asked"), max_length=20, choices=ConsentHow, blank=True
    )
    goal = models.TextField(_("the agreed goal"), blank=True)
    agreement = models.TextField(
        _("confidentiality, roles and division of work"),
        blank=True,
        help_text=_("What the expert and the professional agreed before meeting the client."),
    )
    debrief = models.TextField(_("debrief after the meeting"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.NEW)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.CharField(
        _("cancelled by"), max_length=20, choices=CancelledBy, blank=True
    )
    late_cancellation = models.BooleanField(_("late cancellation"), default=False)
    cancel_reason = models.CharField(_("reason"), max_length=300, blank=True)
    orderer_feedback = models.TextField(_("the orderer's feedback on the visit"), blank=True)
    orderer_rating = models.PositiveSmallIntegerField(_("how it went (1-5)"), null=True, blank=True)
    done_at = models.DateTimeField(_("marked done"), null=True, blank=True)
    created_at = models.DateTimeField(_("ordered"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("an expert's order", "order")
        verbose_name_plural = pgettext_lazy("an expert's order", "orders")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="experts_order_ends_after_start",
            ),
            # Someone pays: a unit of the municipality or an outside organisation.
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(organisation__isnull=False),
                name="experts_order_has_payer",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"], name="experts_order_status")]

    def __str__(self) -> str:
        return f"{self.get_assignment_type_display()} {self.starts_at:%d.%m.%Y}"

    @property
    def is_client_meeting(self) -> bool:
        return self.assignment_type == AssignmentType.CLIENT_MEETING

    @property
    def is_outside(self) -> bool:
        return self.organisation_id is not None

    @property
    def payer_name(self) -> str:
        return str(self.organisation or self.unit or "")

    @property
    def orderer_name(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return self.ordered_by.get_full_name() if self.ordered_by else str(self.unit or "")


class FeeBatch(models.Model):
    """One payroll export or one invoice: the fees it carried are marked with it and are
    never carried again unless reopened."""

    class Kind(models.TextChoices):
        PAYROLL = "payroll", _("Payroll export")
        INVOICE = "invoice", _("Invoice")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    month = models.DateField(_("month"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("billed to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
    )
    number = models.PositiveIntegerField(_("number"))
    document = models.ForeignKey(
        "documents.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("fee batch")
        verbose_name_plural = _("fee batches")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="experts_feebatch_number")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class Booking(models.Model):
    """One expert asked for one order: asked → accepted or declined; an accepted one is
    confirmed (holding the expert's time) and in the end done or cancelled."""

    class Status(models.TextChoices):
        ASKED = "asked", _("Asked")
        ACCEPTED = "accepted", _("Accepted, not yet confirmed")
        DECLINED = "declined", _("Declined")
        CONFIRMED = "confirmed", _("Confirmed")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class AnsweredHow(models.TextChoices):
        OWN_PAGE = "own_page", _("On their own page")
        PHONE = "phone", _("By phone")
        EMAIL = "email", _("By e-mail")
        IN_PERSON = "in_person", _("In person")

    class FeeState(models.TextChoices):
        NONE = "none", _("No fee (employed)")
        AGREED = "agreed", _("Agreed")
        APPROVED = "approved", _("Approved for payment")
        PAYROLL = "payroll", _("Sent to payroll")
        INVOICED = "invoiced", _("Invoiced")
        PAID = "paid", _("Paid")

    # The statuses that hold the expert's time.
    HOLDING = (Status.CONFIRMED, Status.DONE)
    WAITING = (Status.ASKED, Status.ACCEPTED)

    order = models.ForeignKey(
        Order,
        verbose_name=pgettext_lazy("an expert's order", "order"),
        on_delete=models.CASCADE,
        related_name="bookings",
    )
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="bookings"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.ASKED)
    # The order's time, copied so that PostgreSQL can compare bookings (see the constraint).
    during = DateTimeRangeField(_("time"))
    asked_at = models.DateTimeField(_("asked"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_how = models.CharField(
        _("answered how"), max_length=20, choices=AnsweredHow, blank=True
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    expert_feedback = models.TextField(_("the expert's own feedback"), blank=True)
    # The fee: the amount agreed for this booking and its way to payment.
    fee = models.DecimalField(_("fee (EUR)"), max_digits=7, decimal_places=2, null=True, blank=True)
    fee_state = models.CharField(_("fee"), max_length=20, choices=FeeState, default=FeeState.AGREED)
    fee_approved_at = models.DateTimeField(_("fee approved"), null=True, blank=True)
    fee_sent_at = models.DateTimeField(_("sent to payment"), null=True, blank=True)
    fee_paid_at = models.DateField(_("paid on"), null=True, blank=True)
    batch = models.ForeignKey(
        FeeBatch,
        verbose_name=_("export or invoice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bookings",
    )

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["order__starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "expert"], name="experts_booking_once"),
            # Never double booked: two bookings that hold one expert's time cannot overlap,
            # whoever confirms them and however close together.
            ExclusionConstraint(
                name="experts_booking_no_overlap",
                expressions=[
                    ("expert", RangeOperators.EQUAL),
                    ("during", RangeOperators.OVERLAPS),
                ],
                condition=Q(status__in=("confirmed", "done")),
            ),
        ]
        indexes = [models.Index(fields=["fee_state"], name="experts_booking_fee_state")]

    def __str__(self) -> str:
        return f"{self.expert} – {self.order}"

    @property
    def holds_time(self) -> bool:
        return self.status in self.HOLDING
