"""Councils, their staff, their members and the leaders' hours (domain guide §2.E.6, §7.2)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from socialwork.core import schedules
from socialwork.people.models import Client, Unit

# The model's numbers (002:1002-1044): about 10-15 members and at most 20; three workers, one
# of them a social worker; 7-8 hours a month per worker with monthly meetings.
IDEAL_SIZE = (10, 15)
MAX_SIZE = 20
STAFF_WANTED = 3
HOURS_GUIDELINE = (7, 8)


class Council(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("Client council (asiakasraati)")
        CO_DEVELOPER = "co_developer", _("Co-developer group (yhteiskehittäjäryhmä)")
        DEVELOPER_CLIENT = "developer_client", _("Developer-client group (kehittäjäasiakasryhmä)")

    class Cadence(models.TextChoices):
        MONTHLY = schedules.MONTHLY, _("Once a month")
        QUARTERLY = schedules.QUARTERLY, _("Four times a year")
        WEEKLY = schedules.Cadence.WEEKLY, _("Weekly")
        CUSTOM = "custom", _("Custom: meetings are added one by one")

    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        RECRUITING = "recruiting", _("Recruiting")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.COUNCIL)
    name = models.CharField(_("name"), max_length=200)
    units = models.ManyToManyField(Unit, verbose_name=_("units"), related_name="councils")
    purpose = models.TextField(_("purpose"), blank=True)
    is_closed = models.BooleanField(
        _("closed group"),
        default=True,
        help_text=_("Works on the principle of confidentiality; new members only by interview."),
    )
    target_size = models.PositiveSmallIntegerField(
        _("target number of members"), default=12, help_text=_("The model: 10–15, at most 20.")
    )
    cadence = models.CharField(
        _("cadence"), max_length=20, choices=Cadence, default=Cadence.MONTHLY
    )
    first_meeting_on = models.DateField(_("first meeting"), null=True, blank=True)
    start_time = models.TimeField(_("usual starting time"), null=True, blank=True)
    meeting_minutes = models.PositiveSmallIntegerField(_("usual length (minutes)"), default=120)
    meeting_count = models.PositiveSmallIntegerField(
        _("meetings to plan ahead"),
        default=12,
        help_text=_("How many meetings are created from the cadence."),
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    ground_rules = models.TextField(
        _("ground rules (pelisäännöt)"),
        blank=True,
        help_text=_("Agreed together at the first meeting."),
    )
    packet_days_before = models.PositiveSmallIntegerField(
        _("packet sent days before a meeting"), default=7
    )
    budget = models.DecimalField(
        _("yearly budget (€)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLANNING)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        related_name="councils_responsible",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("client council")
        verbose_name_plural = _("client councils")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_size__gte=1, meeting_minutes__gte=15),
                name="councils_council_sensible_numbers",
                violation_error_message=_("The size and the length of a meeting must be given."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def feedback_scope(self) -> str:
        """The council's members' feedback rounds in the feedback app (Campaign.scope)."""
        return f"councils.council:{self.pk}"

    def next_statuses(self) -> list[tuple[str, str]]:
        allowed = COUNCIL_TRANSITIONS[self.status]
        return [(value, label) for value, label in self.Status.choices if value in allowed]


COUNCIL_TRANSITIONS = {
    Council.Status.PLANNING: {Council.Status.RECRUITING, Council.Status.ACTIVE},
    Council.Status.RECRUITING: {Council.Status.PLANNING, Council.Status.ACTIVE},
    Council.Status.ACTIVE: {Council.Status.PAUSED, Council.Status.RECRUITING, Council.Status.ENDED},
    Council.Status.PAUSED: {Council.Status.ACTIVE, Council.Status.ENDED},
    Council.Status.ENDED: {Council.Status.ACTIVE},
}


class MeetingRole(models.TextChoices):
    # "One worker chairs, one is secretary, and one introduces the topics" (002:1010-1014).
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    PRESENTER = "presenter", _("Topic presenter")
    OTHER = "other", _("Leader")


class CouncilStaff(models.Model):
    """A worker who leads the council. Leaders, and only they, see its members."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="staff"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="council_roles",
    )
    meeting_role = models.CharField(
        _("role at meetings"), max_length=20, choices=MeetingRole, default=MeetingRole.OTHER
    )

    class Meta:
        verbose_name = _("council leader")
        verbose_name_plural = _("council leaders")
        ordering = ["council", "id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="councils_staff_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_meeting_role_display()})"


class Membership(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ON_BREAK = "on_break", _("On a break")
        LEFT = "left", _("Left")
        # Former members may come back as guests and tell newcomers about the council.
        ALUMNI = "alumni", _("Alumni")

    # Members who get the meeting packet and the reminders.
    RECEIVING = (Status.ACTIVE,)

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="memberships"
    )
    # Empty once the client record is removed: the meetings' figures keep the attendance.
    client = models.ForeignKey(
        Client,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="memberships",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.ACTIVE)
    starts_on = models.DateField(_("member since"))
    ends_on = models.DateField(_("member until"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), auto_now_add=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["council", "client__last_name", "client__first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "client"], name="councils_member_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="councils_member_dates_order",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["client"], name="councils_member_client")]

    def __str__(self) -> str:
        return f"{self.client} – {self.council}"


class HoursEntry(models.Model):
    """A leader's hours for the council in one month: planning, minutes, bookings, letters,
    the meetings themselves (002:1015-1044)."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="hours"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="council_hours",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    note = models.CharField(_("what was done"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("hours")
        verbose_name_plural = _("hours")
        ordering = ["-month", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user", "month"], name="councils_hours_one_per_month"
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=0, hours__lte=300),
                name="councils_hours_sensible",
                violation_error_message=_("Hours must be between 0 and 300 a month."),
            ),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="councils_hours_first_of_month",
                violation_error_message=_("Hours are kept by month."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.month:%m/%Y}: {self.hours}"
