"""The outbox: every message the product sends (SMS, e-mail, letter) is a row here first.

A message is written in the same transaction as the change that causes it, with an
idempotency key that says what it is about (for example "session 12 reminder to client 7"),
so that a retried task or a beat job firing twice finds the row already there. A worker
claims a queued message in a transaction (SELECT ... FOR UPDATE SKIP LOCKED), so two
workers never take the same one.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialwork.messaging.kinds import label_of
from socialwork.people.models import Client


class Message(models.Model):
    class Channel(models.TextChoices):
        SMS = "sms", _("Text message")
        EMAIL = "email", _("E-mail")
        LETTER = "letter", _("Letter")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Not delivered")
        CANCELLED = "cancelled", _("Not sent")

    class Reason(models.TextChoices):
        # Why a message was not sent or not delivered, in words staff can act on.
        NO_CONSENT = "no_consent", _("No consent to text messages")
        NO_NUMBER = "no_number", _("No mobile number")
        INVALID_NUMBER = "invalid_number", _("The number is not a valid mobile number")
        REJECTED = "rejected", _("The gateway refused the number")
        UNDELIVERED = "undelivered", _("The phone did not receive it")
        GAVE_UP = "gave_up", _("The gateway could not be reached")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent was withdrawn")
        OBSOLETE = "obsolete", _("No longer needed")
        NO_EMAIL = "no_email", _("No e-mail address")
        NO_ADDRESS = "no_address", _("No complete postal address")
        NOT_WANTED = "not_wanted", _("The client wants no reminders")
        MAIL_REFUSED = "mail_refused", _("The mail server refused the address")

    # The reasons staff can fix on the client's record, and how.
    FIX_CONSENT = (Reason.NO_CONSENT, Reason.CONSENT_WITHDRAWN)
    FIX_RECORD = (
        Reason.NO_NUMBER,
        Reason.INVALID_NUMBER,
        Reason.REJECTED,
        Reason.UNDELIVERED,
        Reason.NO_EMAIL,
        Reason.NO_ADDRESS,
        Reason.NOT_WANTED,
        Reason.MAIL_REFUSED,
    )

    OPEN = (Status.QUEUED, Status.SENDING)

    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    client = models.ForeignKey(
        Client,
        verbose_name=_("client"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
    )
    recipient = models.CharField(_("recipient"), max_length=320, blank=True)
    language = models.CharField(_("language"), max_length=5, default="fi")
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    purpose = models.CharField(_("purpose"), max_length=50)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(max_length=40, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    # When the thing it told about starts, as the message told it (a session's time): a
    # source asks whether someone was told of the present time (selectors.clients_told).
    about_starts_at = models.DateTimeField(null=True, blank=True, editable=False)
    idempotency_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    provider_id = models.CharField(_("message id at the gateway"), max_length=100, blank=True)
    not_before = models.DateTimeField(_("not before"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A secret link the message carries (a member's packet page, an answer page). Its token is
    # never written into `text`: "{link}" there is filled in at hand-over (services._prepare).
    link = models.ForeignKey(
        "links.SecretLink",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # A PDF an e-mail carries (a council's meeting packet), attached at hand-over.
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    batch = models.ForeignKey(
        "LetterBatch",
        verbose_name=_("print batch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The sender's scan: queued messages that are due, oldest first.
            models.Index(
                fields=["not_before", "id"],
                condition=Q(status="queued"),
                name="messaging_due",
            ),
            # Claims left behind by a worker that died between the claim and the gateway's
            # answer; see services.send_next_due.
            models.Index(
                fields=["claimed_at", "id"],
                condition=Q(status="sending"),
                name="messaging_stale_claims",
            ),
            models.Index(fields=["content_type", "object_id"], name="messaging_about"),
            models.Index(fields=["provider_id"], name="messaging_provider_id"),
            models.Index(fields=["status", "-created_at"], name="messaging_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.purpose} → {self.recipient or '–'}"

    @property
    def kind_label(self):
        return label_of(self.purpose)

    @property
    def is_problem(self) -> bool:
        return self.status in (self.Status.FAILED, self.Status.CANCELLED) and bool(self.reason)


class MessageTemplate(models.Model):
    """The words of one kind of message in one language, editable by administrators.

    The kinds and their placeholders are registered in code (socialwork.messaging.kinds);
    a row per kind and language is created from the registered default after migrating, so
    that there is always something to edit and a text to send.
    """

    purpose = models.CharField(_("message"), max_length=50)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    text = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["purpose", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "language"], name="messaging_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{label_of(self.purpose)} ({self.language})"


class LetterBatch(models.Model):
    """Letters taken together into one PDF for printing and posting.

    The PDF holds names and addresses, so it is kept only until the batch is marked posted.
    """

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Being prepared")
        READY = "ready", _("Ready to print")
        POSTED = "posted", _("Posted")
        FAILED = "failed", _("Could not be made")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PREPARING)
    # The print file (socialwork/documents), dropped once the letters are posted.
    document = models.OneToOneField(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="letter_batch",
    )
    letter_count = models.PositiveIntegerField(_("letters"), default=0)
    posted_at = models.DateTimeField(_("posted"), null=True, blank=True)

    class Meta:
        verbose_name = _("print batch")
        verbose_name_plural = _("print batches")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} ({self.letter_count})"
