"""Groups (runs of a programme), their sessions, theme wishes and the facilitators'
calendar feeds."""

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models.programmes import Programme, Weekday
from socialwork.core.schedules import Cadence
from socialwork.people.models import PartnerOrganisation, Unit


class GroupRun(models.Model):
    """One run of a programme: a real group with its dates, place and facilitators."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RECRUITING = "recruiting", _("Recruiting")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="runs"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="group_runs"
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("first session"))
    ends_on = models.DateField(_("last session"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    cadence = models.CharField(_("cadence"), max_length=30, choices=Cadence)
    weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday),
        verbose_name=_("weekdays"),
        default=list,
        blank=True,
    )
    start_time = models.TimeField(_("start time"))
    session_minutes = models.PositiveSmallIntegerField(_("session length (minutes)"))
    session_count = models.PositiveSmallIntegerField(_("number of sessions"))
    min_size = models.PositiveSmallIntegerField(_("minimum size"))
    max_size = models.PositiveSmallIntegerField(_("maximum size"))
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        related_name="facilitated_runs",
        blank=True,
    )
    partners = models.ManyToManyField(
        PartnerOrganisation,
        verbose_name=_("partner co-facilitators"),
        related_name="group_runs",
        blank=True,
    )
    partner_facilitators = models.CharField(
        _("co-facilitators from partners"),
        max_length=300,
        blank=True,
        help_text=_("Names of co-facilitators who are not staff here."),
    )
    is_open = models.BooleanField(
        _("open group"), default=False, help_text=_("New members may join while it runs.")
    )
    ground_rules = models.TextField(_("ground rules (pelisäännöt)"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["-starts_on", "name"]
        indexes = [
            models.Index(fields=["unit", "status", "-starts_on"], name="groups_run_unit_status")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_size__lte=models.F("max_size")),
                name="groups_run_size_order",
                violation_error_message=_("The minimum size cannot exceed the maximum size."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="groups_run_dates_order",
                violation_error_message=_("The last session cannot be before the first."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def next_statuses(self) -> list[tuple[str, str]]:
        """(value, label) of the statuses the group may move to now, in the choices' order."""
        allowed = RUN_TRANSITIONS[self.status]
        return [(value, label) for value, label in self.Status.choices if value in allowed]


SESSION_EARLIEST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


SESSION_LATEST = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)


# Which status a group may move to from each status (services.run_set_status keeps to it).
RUN_TRANSITIONS = {
    GroupRun.Status.PLANNED: {GroupRun.Status.RECRUITING, GroupRun.Status.CANCELLED},
    GroupRun.Status.RECRUITING: {
        GroupRun.Status.PLANNED,
        GroupRun.Status.RUNNING,
        GroupRun.Status.CANCELLED,
    },
    GroupRun.Status.RUNNING: {GroupRun.Status.FINISHED, GroupRun.Status.CANCELLED},
    GroupRun.Status.FINISHED: {GroupRun.Status.RUNNING},
    GroupRun.Status.CANCELLED: {GroupRun.Status.PLANNED},
}


class Session(models.Model):
    run = models.ForeignKey(
        GroupRun, verbose_name=_("group"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    plan = models.TextField(_("plan"), blank=True)
    guests = models.CharField(
        _("guests"), max_length=300, blank=True, help_text=_("Visiting experts or partners.")
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    # Calendar feeds tell subscribers that an event changed by this time.
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["run", "starts_at"], name="groups_session_run_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="groups_session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            # A year-1 start cannot even be read back into local time: one such row would
            # break every page of its group (forms keep to the same range).
            models.CheckConstraint(
                condition=Q(starts_at__gte=SESSION_EARLIEST, starts_at__lt=SESSION_LATEST),
                name="groups_session_sensible_start",
                violation_error_message=_("The session's date is out of range."),
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.run} {local:%d.%m.%Y %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class ThemeWish(models.Model):
    """Co-planning: a wish or theme idea from the group, which may become a session theme."""

    run = models.ForeignKey(
        GroupRun, verbose_name=_("group"), on_delete=models.CASCADE, related_name="theme_wishes"
    )
    text = models.CharField(_("wish or theme idea"), max_length=300)
    session = models.ForeignKey(
        Session,
        verbose_name=_("used in session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wishes",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("theme wish")
        verbose_name_plural = _("theme wishes")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text


class CalendarFeed(models.Model):
    """A staff member's secret iCal address for their sessions (Outlook subscribes to it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    # The secret address (groups/purposes.CALENDAR_FEED): its token is never stored.
    link = models.OneToOneField(
        "links.SecretLink", on_delete=models.PROTECT, related_name="calendar_feed"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def token(self) -> str | None:
        """The token of the address (socialwork/links keeps it sealed)."""
        return self.link.token
