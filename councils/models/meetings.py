"""Meetings: agenda from the topic backlog, attendance with bus fares, minutes that lock when
approved, and the packet sent before (domain guide §4.1 steps 5-6, §7.2.4-5)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models.councils import Council, Membership

MEETING_EARLIEST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
MEETING_LATEST = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)


class Meeting(models.Model):
    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    # From the developer-client group's session plan (002:485-605), or the leaders' own.
    plan = models.TextField(_("plan"), blank=True)
    refreshments = models.CharField(
        _("refreshments"), max_length=300, blank=True, help_text=_("For example lunch buffet.")
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chair"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("secretary"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("topic presenter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    # When the packet job (or a leader) sent the packet; its PDFs, one per language the
    # members read, are documents of the kind "councils.packet" (services/packets.py).
    packet_sent_at = models.DateTimeField(_("packet sent"), null=True, blank=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["council", "starts_at"], name="councils_meeting_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="councils_meeting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(starts_at__gte=MEETING_EARLIEST, starts_at__lt=MEETING_LATEST),
                name="councils_meeting_sensible_start",
                violation_error_message=_("The meeting's date is out of range."),
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.council} {local:%d.%m.%Y}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class Topic(models.Model):
    """The topic backlog: what members wish for, what came up in interviews (without the
    name), and what management brought, which members are always told (002:907-915)."""

    class Source(models.TextChoices):
        MEMBERS = "members", _("Members' wish")
        INTERVIEW = "interview", _("Raised in an interview")
        MANAGEMENT = "management", _("Brought by management")
        LEADERS = "leaders", _("The leaders")
        COMMISSION = "commission", _("A commission from management")
        EVENT = "event", _("Heard at a participation event")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        ON_AGENDA = "on_agenda", _("On an agenda")
        DONE = "done", _("Dealt with")
        DROPPED = "dropped", _("Dropped")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="topics"
    )
    title = models.CharField(_("topic"), max_length=200)
    details = models.TextField(_("details"), blank=True)
    source = models.CharField(_("from"), max_length=20, choices=Source, default=Source.MEMBERS)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.WAITING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["council", "created_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def from_management(self) -> bool:
        return self.source in (self.Source.MANAGEMENT, self.Source.COMMISSION)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda"
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    title = models.CharField(_("item"), max_length=200)
    # One or two main topics a meeting (002:663-664); the rest are short items.
    is_main = models.BooleanField(_("main topic"), default=False)
    # Shown to the members whenever management drafted the theme (002:911-913).
    from_management = models.BooleanField(_("drafted by management"), default=False)
    guests = models.CharField(
        _("guests"),
        max_length=300,
        blank=True,
        help_text=_("Partners, experience experts or management invited for this item."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    class Reply(models.TextChoices):
        COMING = "coming", _("Coming")
        NOT_COMING = "not_coming", _("Not coming")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    membership = models.ForeignKey(
        Membership, verbose_name=_("member"), on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status, blank=True)
    # The member's own answer from the packet link, for the catering count.
    reply = models.CharField(_("reply"), max_length=12, choices=Reply, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    role = models.CharField(
        _("role of the day"), max_length=100, blank=True, help_text=_("For example scribe.")
    )
    refreshments = models.BooleanField(_("had refreshments"), default=False)
    bus_fare = models.DecimalField(
        _("bus fare (€)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    bus_fare_paid = models.BooleanField(_("bus fare paid"), default=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="councils_attendance_unique"
            ),
            models.CheckConstraint(
                condition=Q(bus_fare__isnull=True) | Q(bus_fare__gte=0, bus_fare__lte=500),
                name="councils_attendance_fare_sensible",
                violation_error_message=_("A bus fare is between 0 and 500 euros."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership} {self.meeting}"


class Minutes(models.Model):
    """One version of a meeting's minutes (muistio). The secretary drafts; the next meeting
    approves, and the version is locked; a correction is a new version with its reason."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        SUPERSEDED = "superseded", _("Replaced by a correction")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT)
    discussed = models.TextField(_("what was discussed"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    correction_reason = models.CharField(_("reason for the correction"), max_length=300, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approval recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("approved at the meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_minutes",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["meeting", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="councils_minutes_version"),
            # One draft at a time: two leaders cannot start two corrections at once.
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(status="draft"),
                name="councils_minutes_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(version=1) | ~Q(correction_reason=""),
                name="councils_minutes_correction_has_reason",
                violation_error_message=_("A correction needs its reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} v{self.version}"

    @property
    def is_locked(self) -> bool:
        return self.status != self.Status.DRAFT


class Agreement(models.Model):
    """What was agreed: who does it and by when (002:3750-3768)."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="agreements"
    )
    what = models.CharField(_("what was agreed"), max_length=300)
    owner = models.CharField(_("who"), max_length=200)
    due_on = models.DateField(_("by"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["minutes", "position", "id"]

    def __str__(self) -> str:
        return self.what


class Attachment(models.Model):
    """Material the leaders add to a meeting's packet (a PDF)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file (PDF)"), upload_to="councils/attachments/%Y/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["meeting", "created_at", "id"]

    def __str__(self) -> str:
        return self.title


class PacketDelivery(models.Model):
    """The packet to one member for one meeting: by which channel, the message in the outbox
    (which says whether it arrived) and the member's own page."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="deliveries"
    )
    membership = models.ForeignKey(
        Membership, verbose_name=_("member"), on_delete=models.CASCADE, related_name="deliveries"
    )
    message = models.OneToOneField(
        "messaging.Message",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_packet",
    )
    # The member page (councils/purposes.MEMBER_PAGE): the packet and the reply buttons.
    link = models.OneToOneField(
        "links.SecretLink", on_delete=models.PROTECT, related_name="council_packet"
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        verbose_name = _("packet delivery")
        verbose_name_plural = _("packet deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="councils_delivery_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership} {self.meeting}"
