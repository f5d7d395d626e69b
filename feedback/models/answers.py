"""Anonymous answers (see the package's docstring for what is not in them)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from feedback.models.campaigns import Campaign, Channel, WorkerCode
from feedback.models.instruments import InstrumentVersion, Item
from socialwork.people.models import Language


class RandomKey(models.Func):
    """A random positive 64-bit key made by PostgreSQL (60 random bits of a version 4 UUID):
    an answer's id tells nothing of when it came, nor which answer came before it."""

    template = (
        "(('x' || translate(gen_random_uuid()::text, '-', ''))::bit(64)::bigint"
        " & 9223372036854775807)"
    )
    output_field = models.BigIntegerField()


class Response(models.Model):
    """One anonymous answer to an instrument. See the module docstring for what is not here."""

    id = models.BigIntegerField(primary_key=True, db_default=RandomKey(), editable=False)
    key = models.UUIDField(_("idempotency key"), unique=True)
    # Every index is one more write for each answer from the lobby: the version's and the
    # unit's own indexes would repeat the first column of the two below.
    version = models.ForeignKey(
        InstrumentVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    unit = models.ForeignKey(
        "people.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    worker_code = models.ForeignKey(
        WorkerCode,
        verbose_name=_("worker colour"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=2, choices=Language)
    # Rounded down to the hour before it is stored: enough for "which month, which week",
    # too coarse to match an answer to the person who stood at the tablet.
    submitted_hour = models.DateTimeField(_("given (hour)"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            # With the campaign alongside: the count of countable answers per year (on every
            # results page and report) reads the index alone, never the answers.
            models.Index(
                fields=["version", "submitted_hour"],
                include=["campaign"],
                name="feedback_resp_version_hour_c",
            ),
            models.Index(fields=["unit", "submitted_hour"], name="feedback_resp_unit_hour"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(submitted_hour__minute=0, submitted_hour__second=0),
                name="feedback_response_hour_only",
            )
        ]

    def __str__(self) -> str:
        return str(self.key)


class Answer(models.Model):
    """The answer to one question. Staff may hide a comment that identifies someone: it then
    stays out of every list of comments, and its number still counts. A comment read by a
    supervisor is marked read, with no time: when it was read would hint at when it came."""

    id = models.BigIntegerField(primary_key=True, db_default=RandomKey(), editable=False)
    # The unique (response, item) constraint is the index for the response.
    response = models.ForeignKey(
        Response,
        verbose_name=_("answer"),
        on_delete=models.CASCADE,
        related_name="answers",
        db_index=False,
    )
    item = models.ForeignKey(
        Item, verbose_name=_("question"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.SmallIntegerField(_("value"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)
    is_read = models.BooleanField(_("read"), default=False, db_default=False)

    class Meta:
        verbose_name = _("answer to a question")
        verbose_name_plural = _("answers to questions")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="feedback_answer_unique")
        ]
        indexes = [
            # The comments waiting to be read: a few among a city's millions of answers.
            models.Index(
                fields=["response"],
                condition=models.Q(is_read=False, hidden=False) & ~models.Q(text=""),
                name="feedback_answer_unread",
            )
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.item_id}"
