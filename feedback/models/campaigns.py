"""Survey campaigns (a month a year) and the colours of the workers' feedback cards."""

import datetime as dt

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from feedback.models.instruments import Instrument


class WorkerCode(models.Model):
    """The colour of a worker's feedback cards: the client picks the colour, never a name."""

    class Colour(models.TextChoices):
        RED = "red", _("Red")
        ORANGE = "orange", _("Orange")
        YELLOW = "yellow", _("Yellow")
        GREEN = "green", _("Green")
        TURQUOISE = "turquoise", _("Turquoise")
        BLUE = "blue", _("Blue")
        PURPLE = "purple", _("Purple")
        PINK = "pink", _("Pink")
        BROWN = "brown", _("Brown")
        GREY = "grey", _("Grey")
        WHITE = "white", _("White")
        BLACK = "black", _("Black")

    unit = models.ForeignKey(
        "people.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="feedback_codes",
    )
    # Blank for a worker who hands out no cards but records oral feedback.
    colour = models.CharField(_("colour"), max_length=20, choices=Colour, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("worker colour")
        verbose_name_plural = _("worker colours")
        ordering = ["unit", "colour"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "colour"],
                condition=Q(is_active=True) & ~Q(colour=""),
                name="feedback_workercode_unique_colour",
                violation_error_message=_("This colour is already in use in the unit."),
            ),
            models.UniqueConstraint(
                fields=["unit", "worker"],
                condition=Q(is_active=True),
                name="feedback_workercode_unique_worker",
                violation_error_message=_("This worker already has a colour in the unit."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_colour_display() or self.worker} ({self.unit})"


class Channel(models.TextChoices):
    KIOSK = "kiosk", _("Lobby tablet")
    WEB = "web", _("Web link or QR code")
    PAPER = "paper", _("Paper form")
    ORAL = "oral", _("Recorded by the worker")


CAMPAIGN_GRACE_DAYS = 14


class Campaign(models.Model):
    """The yearly satisfaction survey in one month, so that the years compare (002:89-91)."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="campaigns"
    )
    unit = models.ForeignKey(
        "people.Unit",
        verbose_name=_("unit"),
        help_text=_("Leave empty for the whole organisation."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), choices=[(m, m) for m in range(1, 13)])
    theme = models.CharField(
        _("theme of the year"),
        max_length=200,
        blank=True,
        help_text=_("For example customer service, e-services or development ideas."),
    )
    theme_sv = models.CharField(
        _("theme of the year in Swedish"),
        max_length=200,
        blank=True,
        help_text=_("Printed on the Swedish half of the sheet; the Finnish theme if empty."),
    )
    # What the campaign belongs to inside its unit, set by the app that opens it: a client
    # council's round of its members' feedback is "councils.council:<pk>", so that two
    # councils of one unit never share a round. Empty for the unit's own survey.
    scope = models.CharField(_("belongs to"), max_length=60, blank=True, editable=False)
    channels = ArrayField(
        models.CharField(max_length=10, choices=Channel),
        verbose_name=_("channels"),
        default=list,
    )
    # The web link and QR code (feedback/purposes.SURVEY): its token is never stored.
    link = models.OneToOneField(
        "links.SecretLink",
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="campaign",
    )
    # The printable sheet with the link and QR code (socialwork/documents).
    sheet = models.OneToOneField(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="campaign",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "unit", "scope", "year", "month"],
                nulls_distinct=False,
                name="feedback_campaign_unique_month",
                violation_error_message=_("This survey already has a campaign in that month."),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="feedback_campaign_month_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.month}/{self.year}"

    @property
    def theme_text(self) -> str:
        """The theme in the language being shown: Swedish where it has one, else Finnish."""
        if (get_language() or "")[:2] == "sv" and self.theme_sv:
            return self.theme_sv
        return self.theme

    @property
    def channel_labels(self) -> list[str]:
        return [str(Channel(code).label) for code in self.channels if code in Channel.values]

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        """Open a fortnight past the month: a sheet enclosed with a decision posted on the
        last days of the month still reaches its reader in time."""
        following = (self.first_day + dt.timedelta(days=32)).replace(day=1)
        return following + dt.timedelta(days=CAMPAIGN_GRACE_DAYS - 1)

    @property
    def token(self) -> str | None:
        """The token of the web link (socialwork/links keeps it sealed)."""
        return self.link.token if self.link_id else None

    def is_open_today(self) -> bool:
        return self.first_day <= timezone.localdate() <= self.last_day

    @staticmethod
    def open_on(day: dt.date) -> Q:
        """The campaigns open on `day`, as a query: the same rule as first_day..last_day
        (this month's, and the previous month's for its fortnight of grace)."""
        months = Q(year=day.year, month=day.month)
        if day.day <= CAMPAIGN_GRACE_DAYS:
            previous = day.replace(day=1) - dt.timedelta(days=1)
            months |= Q(year=previous.year, month=previous.month)
        return months
