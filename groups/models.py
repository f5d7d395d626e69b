"""Group-based social work: programme templates, group runs, sessions, enrolment,
attendance, goals and the evaluation after every session (domain guide §2.E.15, §3.10-3.11,
§4.3, §7.1).

Nothing here is case data: no diagnoses and no free-text accounts of a client's life. Notes
are for arranging the group (meals, travel), and dropping out is recorded in neutral words
and never feeds a benefit decision (001:474-476, 1166).
"""

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialwork.core.schedules import Cadence
from socialwork.people.models import Client, PartnerOrganisation, Unit


class ServiceBasis(models.TextChoices):
    SOCIAL_REHABILITATION = "social_rehabilitation", _("Social rehabilitation")
    REHABILITATIVE_WORK = "rehabilitative_work", _("Rehabilitative work activity")
    OPEN_GROUP = "open_group", _("Open group")


class Incentive(models.TextChoices):
    MEALS = "meals", _("Meals")
    BUS_TICKETS = "bus_tickets", _("Bus tickets")
    ACTIVITY_ALLOWANCE = "activity_allowance", _("Activity allowance")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class EvaluationQuestionSet(models.Model):
    """The questions asked after every session. Configurable per programme, because the
    group evaluation model's own items are not in the sources (domain guide §3.10)."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("evaluation question set")
        verbose_name_plural = _("evaluation question sets")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EvaluationQuestion(models.Model):
    class Kind(models.TextChoices):
        FACES_3 = "faces_3", _("Three faces")
        SCALE_5 = "scale_5", _("Scale 1-5")
        TEXT = "text", _("Free text")

    # The words for the three faces: a face alone is not enough for a screen reader or for
    # someone who reads faces differently. The faces are drawn (SVG), not emoji, so that
    # they look the same on every tablet and phone.
    FACES = {
        1: _("Not good"),
        2: _("Okay"),
        3: _("Good"),
    }

    question_set = models.ForeignKey(
        EvaluationQuestionSet,
        verbose_name=_("question set"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    # Question texts are data, per language (DESIGN §4), not UI strings.
    text_fi = models.CharField(_("text in Finnish"), max_length=300)
    text_sv = models.CharField(_("text in Swedish"), max_length=300)
    text_en = models.CharField(_("text in English"), max_length=300)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("evaluation question")
        verbose_name_plural = _("evaluation questions")
        ordering = ["question_set", "order", "id"]

    def __str__(self) -> str:
        return self.text_fi

    def text(self, language: str) -> str:
        return getattr(self, f"text_{language}", "") or self.text_fi


class Programme(models.Model):
    """A programme template (toimintamalli), e.g. Gruppis, Sisu, Solmut auki."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    purpose = models.TextField(_("purpose"), blank=True)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    cadence = models.CharField(_("cadence"), max_length=30, choices=Cadence, default=Cadence.WEEKLY)
    weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday),
        verbose_name=_("weekdays"),
        default=list,
        blank=True,
        help_text=_("For several days a week: which days."),
    )
    start_time = models.TimeField(_("usual start time"), default="10:00")
    session_minutes = models.PositiveSmallIntegerField(_("session length (minutes)"), default=120)
    session_count = models.PositiveSmallIntegerField(_("number of sessions"), default=8)
    min_size = models.PositiveSmallIntegerField(_("minimum size"), default=4)
    max_size = models.PositiveSmallIntegerField(_("maximum size"), default=10)
    min_facilitators = models.PositiveSmallIntegerField(
        _("facilitators needed"),
        default=2,
        help_text=_("A pair of facilitators is the norm; a run with fewer gets a warning."),
    )
    typical_contents = models.TextField(_("typical contents"), blank=True)
    service_basis = models.CharField(
        _("service basis"),
        max_length=30,
        choices=ServiceBasis,
        default=ServiceBasis.SOCIAL_REHABILITATION,
    )
    incentives = ArrayField(
        models.CharField(max_length=30, choices=Incentive),
        verbose_name=_("incentives"),
        default=list,
        blank=True,
    )
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Where the model is described.")
    )
    question_set = models.ForeignKey(
        EvaluationQuestionSet,
        verbose_name=_("session evaluation questions"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_size__lte=models.F("max_size")),
                name="groups_programme_size_order",
                violation_error_message=_("The minimum size cannot exceed the maximum size."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


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


class Enrolment(models.Model):
    class Referral(models.TextChoices):
        OWN_WORKER = "own_worker", _("Own worker")
        EMPLOYMENT = "employment", _("Employment services")
        PARTNER = "partner", _("Partner organisation")
        SELF = "self", _("Self")

    class Status(models.TextChoices):
        WAITING = "waiting", _("On the waiting list")
        INVITED = "invited", _("Invited")
        STARTED = "started", _("Started")
        COMPLETED = "completed", _("Completed")
        DROPPED_OUT = "dropped_out", _("Dropped out")

    class DropoutReason(models.TextChoices):
        # Neutral words only: dropping out carries no sanction (001:474-476).
        LIFE_SITUATION = "life_situation", _("Life situation changed")
        HEALTH = "health", _("Health")
        WORK_OR_STUDY = "work_or_study", _("Started work or studies")
        OTHER_SERVICE = "other_service", _("Moved to another service")
        NOT_SUITABLE = "not_suitable", _("The group did not suit them")
        NO_CONTACT = "no_contact", _("No contact")
        OTHER = "other", _("Other")

    ACTIVE = (Status.INVITED, Status.STARTED, Status.COMPLETED)

    run = models.ForeignKey(
        GroupRun, verbose_name=_("group"), on_delete=models.CASCADE, related_name="enrolments"
    )
    # Empty once the client record is removed: the participation stays, nameless, in the
    # group's figures (groups.removal).
    client = models.ForeignKey(
        Client,
        verbose_name=_("client"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="enrolments",
    )
    referral_source = models.CharField(
        _("referred by"), max_length=20, choices=Referral, default=Referral.OWN_WORKER
    )
    service_decision = models.BooleanField(_("service decision made"), default=False)
    service_decision_on = models.DateField(_("date of the decision"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.INVITED)
    dropout_reason = models.CharField(
        _("reason for leaving"), max_length=20, choices=DropoutReason, blank=True
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    activity_allowance = models.BooleanField(_("activity allowance"), default=False)
    bus_ticket = models.BooleanField(_("bus ticket"), default=False)
    meal_notes = models.CharField(
        _("meal notes"),
        max_length=200,
        blank=True,
        help_text=_("For example vegetarian or no pork. No health details."),
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["client__last_name", "client__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["run", "client"], name="groups_enrolment_unique"),
            models.CheckConstraint(
                condition=Q(service_decision=True) | Q(service_decision_on__isnull=True),
                name="groups_enrolment_decision_date_needs_decision",
            ),
        ]
        indexes = [models.Index(fields=["run", "status"], name="groups_enrolment_run_status")]

    def __str__(self) -> str:
        return f"{self.participant_name} – {self.run}"

    @property
    def participant_name(self) -> str:
        return self.client.full_name if self.client_id else str(_("Removed client"))

    @property
    def takes_a_place(self) -> bool:
        return self.status in self.ACTIVE


class Attendance(models.Model):
    class Status(models.TextChoices):
        UNMARKED = "unmarked", _("Not marked")
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Absent with notice")
        ABSENT = "absent", _("Absent")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(
        _("attendance"), max_length=10, choices=Status, default=Status.UNMARKED
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="groups_attendance_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.session_id}/{self.enrolment_id})"


class GoalStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_YET = "not_yet", _("Not yet")


class Goal(models.Model):
    """What group goals and personal goals share: a text, closed as achieved, partly
    achieved or not yet."""

    text = models.CharField(_("goal"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus, default=GoalStatus.OPEN
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("set"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


class GroupGoal(Goal):
    run = models.ForeignKey(
        GroupRun, verbose_name=_("group"), on_delete=models.CASCADE, related_name="goals"
    )

    class Meta(Goal.Meta):
        verbose_name = _("group goal")
        verbose_name_plural = _("group goals")


class PersonalGoal(Goal):
    """A participant's own goal, set with the client."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="goals"
    )

    class Meta(Goal.Meta):
        verbose_name = _("personal goal")
        verbose_name_plural = _("personal goals")


class SessionEvaluation(models.Model):
    """One participant's evaluation of one session (the group evaluation model)."""

    class Channel(models.TextChoices):
        WITH_FACILITATOR = "facilitator", _("With a facilitator")
        SELF = "self", _("By the participant with the session code")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="evaluations"
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    channel = models.CharField(_("given"), max_length=20, choices=Channel)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        verbose_name = _("session evaluation")
        verbose_name_plural = _("session evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="groups_evaluation_one_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.enrolment_id}"


class EvaluationAnswer(models.Model):
    evaluation = models.ForeignKey(
        SessionEvaluation, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(EvaluationQuestion, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.CharField(max_length=1000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "question"], name="groups_answer_one_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value if self.value is not None else self.text}"

    @property
    def display(self) -> str:
        """The answer as staff read it: "Good", "4 / 5" or the comment."""
        if self.value is None:
            return self.text
        if self.question.kind == EvaluationQuestion.Kind.FACES_3:
            return str(EvaluationQuestion.FACES.get(self.value, "?"))
        return f"{self.value} / 5"


class EvaluationCode(models.Model):
    """Opens the self-evaluation form for one session's participants, for a limited time."""

    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="evaluation_codes",
    )
    # The code itself is never stored (groups/purposes.SESSION_CODE, socialwork/links).
    link = models.OneToOneField(
        "links.SecretLink", on_delete=models.CASCADE, related_name="evaluation_code"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)

    class Meta:
        verbose_name = _("session code")
        verbose_name_plural = _("session codes")

    def __str__(self) -> str:
        return f"{self.session} #{self.pk}"

    @property
    def code(self) -> str | None:
        return self.link.token

    @property
    def expires_at(self):
        return self.link.expires_at

    def is_valid(self, now=None) -> bool:
        return self.link.is_open(now)


class FinalEvaluation(models.Model):
    """The working group's final evaluation of a run (domain guide §3.11)."""

    run = models.OneToOneField(
        GroupRun, verbose_name=_("group"), on_delete=models.CASCADE, related_name="final_evaluation"
    )
    held_on = models.DateField(_("held on"))
    participants = models.CharField(_("who took part"), max_length=300, blank=True)
    goals_achieved = models.TextField(
        _("Have the goals of the group work been achieved?"), blank=True
    )
    client_benefit = models.TextField(
        _("How have the clients benefited from the group?"), blank=True
    )
    client_feedback = models.TextField(_("What client feedback was received?"), blank=True)
    what_worked = models.TextField(
        _("What worked, and what could have been done differently?"), blank=True
    )
    participation_increased = models.TextField(_("Has client participation increased?"), blank=True)
    next_group = models.TextField(_("Thoughts for the next group"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    QUESTIONS = (
        "goals_achieved",
        "client_benefit",
        "client_feedback",
        "what_worked",
        "participation_increased",
        "next_group",
    )

    class Meta:
        verbose_name = _("final evaluation")
        verbose_name_plural = _("final evaluations")

    def __str__(self) -> str:
        return str(self.run)

    def answers(self) -> list[tuple[str, str]]:
        """(question, answer) in the order of the evaluation form."""
        return [(self._meta.get_field(f).verbose_name, getattr(self, f)) for f in self.QUESTIONS]


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
