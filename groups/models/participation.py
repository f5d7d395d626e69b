"""Taking part: enrolments, attendance, and the group's and each participant's goals."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models.runs import GroupRun, Session
from socialwork.people.models import Client


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
