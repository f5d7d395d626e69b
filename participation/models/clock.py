"""The annual clock (vuosikello, domain guide §2.E.13, §3.22, §4.6): the recurring feedback
and participation work of a unit or the whole organisation in one year. Most of it comes
from what the other apps hold (socialwork/core/yearly.py); a planned item is what a
supervisor adds: an owner, a first date and a recurrence (RFC 5545 RRULE, read with
python-dateutil), and how many days before each time its owner is reminded."""

import datetime

from dateutil.rrule import rrulestr
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ClockItem(models.Model):
    class Kind(models.TextChoices):
        SURVEY = "survey", _("Client satisfaction survey")
        THEME_AFTERNOON = "theme_afternoon", _("Theme afternoons")
        THEME_WEEK = "theme_week", _("Theme week")
        NETWORK_DAY = "network_day", _("Network day")
        COUNCIL = "council", _("Client council meetings")
        COURSE = "course", _("Course starts")
        SUPERVISION = "supervision", _("Supervision of experience experts")
        SORA = "sora", _("Social reporting collection")
        REPORTING = "reporting", _("Management reporting deadline")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    unit = models.ForeignKey(
        "people.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the whole organisation."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Reminded by e-mail before each time."),
    )
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("first time"))
    # RFC 5545 recurrence without DTSTART (starts_on is it); empty: once.
    rrule = models.CharField(_("recurrence"), max_length=300, blank=True)
    remind_days_before = models.PositiveSmallIntegerField(_("reminder, days before"), default=14)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("annual clock item")
        verbose_name_plural = _("annual clock items")
        ordering = ["starts_on", "title"]

    def __str__(self) -> str:
        return self.title

    def occurrences(self, first: datetime.date, last: datetime.date) -> list[datetime.date]:
        """The days this item falls on between `first` and `last`, both included."""
        if not self.rrule:
            return [self.starts_on] if first <= self.starts_on <= last else []
        rule = rrulestr(
            self.rrule, dtstart=datetime.datetime.combine(self.starts_on, datetime.time())
        )
        between = rule.between(
            datetime.datetime.combine(first, datetime.time()),
            datetime.datetime.combine(last, datetime.time()),
            inc=True,
        )
        return [moment.date() for moment in between]


class ClockDone(models.Model):
    """A planned time marked done by hand, where no record of another app carries it out
    (a reporting deadline met, say)."""

    item = models.ForeignKey(
        ClockItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="done"
    )
    day = models.DateField(_("time"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    marked_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("time marked done")
        verbose_name_plural = _("times marked done")
        constraints = [
            models.UniqueConstraint(fields=["item", "day"], name="participation_clock_done_once")
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.day}"


class ClockFeed(models.Model):
    """A staff member's secret iCal address for the annual clock of their units (a calendar
    program subscribes to it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clock_feed"
    )
    # The secret address (participation/purposes.CLOCK_FEED): its token is never stored.
    link = models.OneToOneField(
        "links.SecretLink", on_delete=models.PROTECT, related_name="clock_feed"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("annual clock calendar address")
        verbose_name_plural = _("annual clock calendar addresses")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def token(self) -> str | None:
        """The token of the address (socialwork/links keeps it sealed)."""
        return self.link.token
