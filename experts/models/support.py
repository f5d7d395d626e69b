"""Support for experts (domain guide §4.2 step 10, §3.9): group supervision (työnohjaus) and
joint meetings with attendance, and the contact diary of an employed peer-support expert."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from experts.models.experts import Expert


class Gathering(models.Model):
    class Kind(models.TextChoices):
        SUPERVISION = "supervision", _("Group supervision")
        JOINT = "joint", _("Joint meeting of experts")
        STEERING = "steering", _("Steering group")
        FAMILIARISATION = "familiarisation", _("Workshop or training with staff")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.SUPERVISION)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    led_by = models.CharField(_("led by"), max_length=200, blank=True)
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Practical matters only; nothing said in confidence.")
    )
    invited = models.ManyToManyField(
        Expert, verbose_name=_("invited"), through="GatheringAttendance", related_name="+"
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("supervision or meeting")
        verbose_name_plural = _("supervision and meetings")
        ordering = ["-starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%d.%m.%Y}"


class GatheringAttendance(models.Model):
    gathering = models.ForeignKey(Gathering, on_delete=models.CASCADE, related_name="attendance")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="attendance")
    # None until the coordinator marks it after the meeting.
    present = models.BooleanField(_("present"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["gathering", "expert"], name="experts_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.expert} – {self.gathering}"


class DiaryEntry(models.Model):
    """One contact with the peer-support expert: nobody is named (002:1870-1885)."""

    class Channel(models.TextChoices):
        WALK_IN = "walk_in", _("Came in person")
        PHONE = "phone", _("Phone")
        MESSAGE = "message", _("Message or e-mail")
        OUTREACH = "outreach", _("Met at an event or outreach")

    class Topic(models.TextChoices):
        FORMS = "forms", _("Filling in forms and applications")
        AUTHORITY = "authority", _("Finding the right authority")
        KELA = "kela", _("Kela")
        EMPLOYMENT = "employment", _("Employment services (TE)")
        SOCIAL = "social", _("Social services")
        MONEY = "money", _("Money and debts")
        HOUSING = "housing", _("Housing")
        LISTENING = "listening", _("Someone to talk to")
        OTHER = "other", _("Other")

    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="diary"
    )
    day = models.DateField(_("date"))
    channel = models.CharField(_("how they got in touch"), max_length=20, choices=Channel)
    topic = models.CharField(_("what it was about"), max_length=20, choices=Topic)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("No names, dates of birth or anything else that tells who it was."),
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact diary entry")
        verbose_name_plural = _("contact diary entries")
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["expert", "day"], name="experts_diary_day")]

    def __str__(self) -> str:
        return f"{self.day:%d.%m.%Y} {self.get_topic_display()}"
