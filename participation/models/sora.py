"""Social reporting (SORA, seed 004): what professionals notice in client work, reported
alone or as a team, read by planners and management and taken to decision makers.

A report is about phenomena, never about a client: it holds no client and no personal
details (the form refuses them), so that it can be read, counted and quoted further up."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """A theme a report can be tagged with (housing, debt, mental health ...): a list the
    administrators keep, in three languages, since the tags are data, not UI strings."""

    name_fi = models.CharField(_("name in Finnish"), max_length=100, unique=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=100, blank=True)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("A theme no longer in use keeps its reports.")
    )

    class Meta:
        verbose_name = _("social reporting theme")
        verbose_name_plural = _("social reporting themes")
        ordering = ["order", "name_fi"]

    def __str__(self) -> str:
        return self.name_fi

    def name(self, language: str) -> str:
        return getattr(self, f"name_{language}", "") or self.name_fi

    @property
    def label(self) -> str:
        """The name in the page's language."""
        return self.name((get_language() or "fi")[:2])


class Signal(models.TextChoices):
    CONCERN = "concern", _("A concern or a recurring problem")
    POSITIVE = "positive", _("A positive development")


class ClientGroup(models.TextChoices):
    """Whom the phenomenon concerns: groups, never a person."""

    YOUNG_ADULTS = "young_adults", _("Young adults (18–29)")
    WORKING_AGE = "working_age", _("Working-age adults")
    OLDER = "older", _("Older people")
    FAMILIES = "families", _("Families with children")
    UNEMPLOYED = "unemployed", _("Long-term unemployed")
    HOUSING = "housing", _("People without a stable home")
    SUBSTANCES = "substances", _("People with substance use or mental health problems")
    IMMIGRANTS = "immigrants", _("Immigrants")
    LOW_INCOME = "low_income", _("People on a low income")
    ALL = "all", _("Clients in general")


class Collection(models.Model):
    """A targeted collection of experiential knowledge (kohdennettu tiedonkeruu): a title,
    a period, the units or staff invited, an optional theme. Reports sent from the open
    link (any staff member, at any time) belong to no collection."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("what is asked"),
        blank=True,
        help_text=_("Shown above the form: why this collection, what is wanted."),
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collections",
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    units = models.ManyToManyField(
        "people.Unit", verbose_name=_("units invited"), blank=True, related_name="+"
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff invited"), blank=True, related_name="+"
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("reminder, days before closing"), default=3
    )
    invited_at = models.DateTimeField(_("invitations sent"), null=True, editable=False)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("social reporting collection")
        verbose_name_plural = _("social reporting collections")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="participation_collection_period",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on


class ReportingMeeting(models.Model):
    """The monthly social-reporting meeting (002:4112-4126) with its minutes and the
    reports it handled."""

    held_on = models.DateField(_("date"))
    unit = models.ForeignKey(
        "people.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: a meeting of the whole organisation."),
    )
    minutes = models.TextField(_("minutes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("social reporting meeting")
        verbose_name_plural = _("social reporting meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return str(self.held_on)


class Report(models.Model):
    """One social report: the two prompt questions of seed 004 answered, a signal, themes,
    the client group concerned and an optional action proposal."""

    collection = models.ForeignKey(
        Collection,
        verbose_name=_("collection"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    signal = models.CharField(_("signal"), max_length=10, choices=Signal)
    concerns = models.TextField(_("recurring issues, concerns and wishes"), blank=True)
    positives = models.TextField(_("positive developments"), blank=True)
    proposal = models.TextField(_("action proposal"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="reports")
    client_group = models.CharField(_("client group"), max_length=20, choices=ClientGroup)
    # The unit the report speaks for (its author's, chosen when they have several): the
    # breakdown by unit counts it there.
    unit = models.ForeignKey(
        "people.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="social_reports",
    )
    # Answered as a team: its members named once, and the report counts for the team.
    team_name = models.CharField(_("team"), max_length=100, blank=True)
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("team members"), blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("processed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action_taken = models.TextField(_("what was done"), blank=True)
    meeting = models.ForeignKey(
        ReportingMeeting,
        verbose_name=_("handled in meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    quotable = models.BooleanField(
        _("quoted in the summary"),
        default=False,
        help_text=_("Chosen quotations go into the summary for decision makers."),
    )

    class Meta:
        verbose_name = _("social report")
        verbose_name_plural = _("social reports")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["unit", "sent_at"], name="participation_report_unit")]

    def __str__(self) -> str:
        text = self.concerns or self.positives
        return text[:60]

    @property
    def is_team(self) -> bool:
        return bool(self.team_name)
