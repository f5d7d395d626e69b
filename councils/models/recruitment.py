"""Recruitment: the kick-off event, candidates and their interviews (domain guide §4.1 steps
2-4, §3.7).

A candidate is a client record from the start (a minimal one: name and how to reach them),
so that the invitation goes through the outbox like every other message and the council's
leaders, and only they, see the person. What the interview holds is sensitive: only the
council's leaders read it, and every reading is in the audit log.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from councils.models.councils import Council
from socialwork.people.models import Client


class Kickoff(models.Model):
    """The kick-off event (aloitustilaisuus): what the council is, with coffee (002:823-850)."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="kickoffs"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300)
    description = models.TextField(_("programme"), blank=True)
    # The contact form handed out at the end: how many forms came back (the names become
    # candidates one by one).
    forms_returned = models.PositiveSmallIntegerField(_("contact forms returned"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("kick-off event")
        verbose_name_plural = _("kick-off events")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.council}: {self.starts_at:%d.%m.%Y}"


class Candidate(models.Model):
    class Source(models.TextChoices):
        SURVEY = "survey", _("Contact slip in the satisfaction survey")
        OWN_WORKER = "own_worker", _("Their own worker")
        AD = "ad", _("An advertisement or brochure")
        THEME_AFTERNOON = "theme_afternoon", _("A theme afternoon")
        KICKOFF = "kickoff", _("The kick-off event")
        OTHER = "other", _("Other")

    class Stage(models.TextChoices):
        INTERESTED = "interested", _("Interested")
        INVITED = "invited", _("Invited to the kick-off")
        ATTENDED = "attended", _("Attended the kick-off")
        INTERVIEWED = "interviewed", _("Interviewed")
        ACCEPTED = "accepted", _("Accepted")
        NOT_NOW = "not_now", _("Not now")
        DECLINED = "declined", _("Declined")

    DECIDED = (Stage.ACCEPTED, Stage.NOT_NOW, Stage.DECLINED)

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="candidates"
    )
    client = models.ForeignKey(
        Client, verbose_name=_("person"), on_delete=models.CASCADE, related_name="candidacies"
    )
    source = models.CharField(_("came through"), max_length=20, choices=Source)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.INTERESTED)
    stage_changed_at = models.DateTimeField(_("stage changed"))
    kickoff = models.ForeignKey(
        Kickoff,
        verbose_name=_("kick-off event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidates",
    )
    # Why "not now": seen by the council's leaders only (domain guide §4.1 step 4).
    decision_note = models.CharField(_("note on the decision"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["council", "stage", "client__last_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "client"], name="councils_candidate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.client} – {self.council}"


class Interview(models.Model):
    """The selection interview, by two staff, with the model's prepared questions (002:852-879;
    for a developer-client group the three intake questions of 002:457-469)."""

    candidate = models.OneToOneField(
        Candidate, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="interview"
    )
    held_on = models.DateField(_("held on"))
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("interviewers"), related_name="+"
    )
    life_situation = models.TextField(_("life situation"), blank=True)
    service_experience = models.TextField(_("experience of social services"), blank=True)
    interests = models.TextField(_("what interests them in developing services"), blank=True)
    expectations = models.TextField(_("expectations of the council"), blank=True)
    topics = models.TextField(
        _("topics for future agendas"),
        blank=True,
        help_text=_("One per line. They can be moved to the council's topics without the name."),
    )
    # Whether the life situation allows taking part now (an acute crisis may not): the most
    # sensitive line in the app's council data (domain guide §5.2.16).
    feasibility = models.TextField(_("can take part now?"), blank=True)
    topics_moved_at = models.DateTimeField(_("topics moved to the backlog"), null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    # What the interviewers write, in the order of the form.
    TEXT_FIELDS = (
        "life_situation",
        "service_experience",
        "interests",
        "expectations",
        "topics",
        "feasibility",
    )

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        return str(self.candidate)

    def topic_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.topics.splitlines() if line.strip(" -•\t")]
