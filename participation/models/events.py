"""Participation events (domain guide §2.E.4, §2.E.12, §3.23): theme afternoons for clients
(three in spring and two in autumn, two hours: an hour of information, an hour of
discussion, one worker informing and another chairing and recording), theme weeks, network
days, kick-off events and the like. An event counts its attendees without names; what
clients said is recorded as ideas and feedback and routed to a unit or to a client
council's backlog; attendees who want to take part further leave a contact slip (with
their consent) for the councils' and experts' funnels."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    class Kind(models.TextChoices):
        THEME_AFTERNOON = "theme_afternoon", _("Theme afternoon for clients")
        THEME_WEEK = "theme_week", _("Theme week")
        NETWORK_DAY = "network_day", _("Network day")
        KICKOFF = "kickoff", _("Kick-off event")
        CLUB = "club", _("Adult social work club")
        OTHER = "other", _("Other event")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("For a theme week: its last day.")
    )
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    programme = models.TextField(
        _("programme"),
        blank=True,
        help_text=_("For example: the first hour information, the second discussion."),
    )
    units = models.ManyToManyField("people.Unit", verbose_name=_("units"), related_name="+")
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("organisers"), related_name="+"
    )
    informer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("informs"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chairs and records"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    partners = models.ManyToManyField(
        "people.PartnerOrganisation", verbose_name=_("partners"), blank=True, related_name="+"
    )
    attendance = models.PositiveIntegerField(
        _("attendees"), null=True, blank=True, help_text=_("A count, without names.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("participation event")
        verbose_name_plural = _("participation events")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="participation_event_period",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("participation:event", args=[self.pk])

    @property
    def feedback_scope(self) -> str:
        """The feedback campaign of this event (feedback's scoped campaigns)."""
        return f"participation.event:{self.pk}"

    @property
    def last_day(self):
        return self.ends_on or self.starts_on


class EventNote(models.Model):
    """An idea or a piece of feedback heard at an event, routed to a unit for information
    or to a client council's backlog of topics."""

    class Kind(models.TextChoices):
        IDEA = "idea", _("Development idea")
        FEEDBACK = "feedback", _("Feedback")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="notes"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.IDEA)
    text = models.TextField(_("what was said"), max_length=2000)
    unit = models.ForeignKey(
        "people.Unit",
        verbose_name=_("taken to unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    council_topic = models.ForeignKey(
        "councils.Topic",
        verbose_name=_("taken to a council as a topic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("idea or feedback from an event")
        verbose_name_plural = _("ideas and feedback from events")
        ordering = ["event", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]
