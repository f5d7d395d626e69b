"""Experience experts (kokemusasiantuntijat) and their CVs (domain guide §2.E.7-2.E.8, §4.2).

An expert is a client too (domain guide §8.13): the person is a people.Client, so that
messages go through the outbox by their channel and removal works as for any client, and
what the coordinator knows of them (the private file) is read by the coordinator alone.
The CV is what staff see: made together with the expert, approved by the expert, then
published; a change is a new version the expert approves again.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from experts import cvform
from socialwork.people.models import Client, Language


class AssignmentType(models.TextChoices):
    """What experts are ordered for (002:1193-1231, 1590-1710)."""

    TALK = "talk", _("A talk at a seminar, training or school")
    EXPERT_INPUT = "expert_input", _("Expert in a thesis, research, brochure or survey")
    WORKING_GROUP = "working_group", _("Member of a management, steering or working group")
    PROJECT_DAY = "project_day", _("Project day")
    CLIENT_MEETING = "client_meeting", _("Client meeting with a professional")
    DRAMA = "drama", _("Training drama")
    GROUP_VISIT = "group_visit", _("Visit to a group")
    OTHER = "other", _("Other")


AREA_CODES = tuple(cvform.AREAS)


class Expert(models.Model):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        INTERVIEWED = "interviewed", _("Interviewed")
        TRAINING = "training", _("In training")
        ACTIVE = "active", _("Active")
        RESTING = "resting", _("Resting")
        ENDED = "ended", _("Ended")

    class Employment(models.TextChoices):
        FEE = "fee", _("Paid a fee per assignment")
        SALARIED = "salaried", _("Employed (pay subsidy), no fees per assignment")

    class Source(models.TextChoices):
        """How the person found the work (002:1233-1275): the councils' funnel and a
        newspaper ad, found effective for experts."""

        SURVEY = "survey", _("Contact slip in the satisfaction survey")
        OWN_WORKER = "own_worker", _("Their own worker")
        AD = "ad", _("An advertisement or brochure")
        NEWSPAPER = "newspaper", _("A newspaper advertisement")
        KICKOFF = "kickoff", _("The kick-off event")
        OTHER = "other", _("Other")

    # The funnel's order, for the coordinator's counts and the next steps offered.
    FUNNEL = (
        Status.CANDIDATE,
        Status.INTERVIEWED,
        Status.TRAINING,
        Status.ACTIVE,
        Status.RESTING,
        Status.ENDED,
    )

    client = models.OneToOneField(
        Client, verbose_name=_("person"), on_delete=models.CASCADE, related_name="expert"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.CANDIDATE)
    employment = models.CharField(
        _("employment"), max_length=20, choices=Employment, default=Employment.FEE
    )
    # The private file: the coordinator's only (permissions.can_read_private_file).
    life_situation = models.TextField(
        _("life situation, as far as matching needs it"),
        blank=True,
        help_text=_("Only what choosing assignments needs. Read by the coordinator alone."),
    )
    availability = models.TextField(_("availability"), blank=True)
    source = models.CharField(
        _("came through"), max_length=20, choices=Source, default=Source.OTHER
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    # Employed peer-support experts (002:1844-1868): a named close supervisor and the
    # partners' steering group.
    close_supervisor = models.CharField(_("close supervisor"), max_length=200, blank=True)
    steering_group = models.TextField(_("steering group"), blank=True)
    # The expert's own page (socialwork/links): one address at a time, 30 days, renewable.
    page_link = models.ForeignKey(
        "links.SecretLink",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    payroll_reference = models.CharField(
        _("payroll reference"),
        max_length=30,
        blank=True,
        help_text=_("The employee number in payroll. Never a personal identity code."),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("experience expert")
        verbose_name_plural = _("experience experts")
        ordering = ["client__last_name", "client__first_name", "id"]

    def __str__(self) -> str:
        return self.client.full_name

    @property
    def takes_fees(self) -> bool:
        return self.employment == self.Employment.FEE

    @property
    def on_roster(self) -> bool:
        return self.status in (self.Status.ACTIVE, self.Status.RESTING)


class Interview(models.Model):
    """The selection interview: two staff and questions prepared in advance, free in form
    (002:1302-1329). Read by the coordinator alone, every reading audited."""

    QUESTIONS = (
        _("What is your life situation like now? Is there room in it for assignments?"),
        _("Which services do you know from your own experience as a client?"),
        _("What interests you in expert work: talks, working groups, client meetings?"),
        _("What would you like to tell others from your own story, and what not?"),
        _("How do you take care of yourself when telling your story is heavy?"),
    )

    expert = models.OneToOneField(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="interview"
    )
    held_on = models.DateField(_("held on"))
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("interviewers"), related_name="+"
    )
    life_situation = models.TextField(_("life situation"), blank=True)
    service_experience = models.TextField(_("experience of services"), blank=True)
    interests = models.TextField(_("interests"), blank=True)
    # Acute substance-abuse or mental-health problems may be an obstacle (002:1322-1327).
    readiness = models.TextField(_("ready for assignments now?"), blank=True)
    notes = models.TextField(_("other notes"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    TEXT_FIELDS = ("life_situation", "service_experience", "interests", "readiness", "notes")

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self) -> str:
        return str(self.expert)


class Training(models.Model):
    """Experience-expert training, bought from a university of applied sciences or an adult
    education centre; its length varies (002:1331-1390)."""

    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="trainings"
    )
    provider = models.CharField(_("provider"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    completed = models.BooleanField(_("completed"), default=False)
    notes = models.CharField(_("notes"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-year", "id"]

    def __str__(self) -> str:
        return f"{self.provider} {self.year}"


class CV(models.Model):
    """One version of an expert's CV, on the seed's form (experts/cvform.py)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved by the expert")
        PUBLISHED = "published", _("Published to staff")
        SUPERSEDED = "superseded", _("Replaced by a newer version")

    class ApprovedHow(models.TextChoices):
        IN_PERSON = "in_person", _("In person, together")
        PHONE = "phone", _("By phone")
        EMAIL = "email", _("By e-mail")
        OWN_PAGE = "own_page", _("On their own page")

    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="cvs"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    language = models.CharField(
        _("written in"), max_length=2, choices=Language, default=Language.FINNISH
    )
    name = models.CharField(_("name on the CV"), max_length=200)
    born_year = models.PositiveSmallIntegerField(_("born in"), null=True, blank=True)
    training_year = models.PositiveSmallIntegerField(
        _("experience-expert training completed in"), null=True, blank=True
    )
    background = models.TextField(_("my background as an experience expert"), blank=True)
    motto = models.CharField(_("my motto"), max_length=300, blank=True)
    story = models.TextField(_("what is my story like?"), blank=True)
    # Area code (cvform.AREAS) -> what the expert writes of that service; an area left out
    # is one they have no experience of.
    experience = models.JSONField(_("my experience of services"), default=dict, blank=True)
    languages = ArrayField(
        models.CharField(max_length=2, choices=Language),
        verbose_name=_("languages spoken"),
        default=list,
        blank=True,
    )
    assignment_types = ArrayField(
        models.CharField(max_length=20, choices=AssignmentType),
        verbose_name=_("assignments taken"),
        default=list,
        blank=True,
    )
    approved_at = models.DateTimeField(_("approved by the expert"), null=True, blank=True)
    approved_how = models.CharField(
        _("how the expert approved it"), max_length=20, choices=ApprovedHow, blank=True
    )
    approval_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("CV")
        verbose_name_plural = _("CVs")
        ordering = ["expert", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["expert", "version"], name="experts_cv_version"),
            # One published CV per expert: the roster shows exactly one.
            models.UniqueConstraint(
                fields=["expert"],
                condition=Q(status="published"),
                name="experts_cv_one_published",
            ),
            models.UniqueConstraint(
                fields=["expert"], condition=Q(status="draft"), name="experts_cv_one_draft"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="experts_cv_status")]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"

    def experience_rows(self, language: str) -> list[tuple[str, str]]:
        """(label, text) for each of the nine areas in the form's order, empty ones too."""
        return [
            (cvform.label(cvform.AREAS[code], language), self.experience.get(code, ""))
            for code in AREA_CODES
        ]

    @property
    def areas(self) -> list[str]:
        return [code for code in AREA_CODES if self.experience.get(code, "").strip()]
