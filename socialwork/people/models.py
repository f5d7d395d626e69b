"""Staff, units, clients, partner organisations and consents.

The client record is deliberately minimal (DESIGN §4, domain guide §7.6): who the person is,
how to reach them for reminders, and which unit and worker they belong to. No diagnosis,
no case notes, no status fields: this product is not a client record system.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


class Language(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


class Role(models.TextChoices):
    COUNSELLOR = "counsellor", _("Social counsellor")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    SUPERVISOR = "supervisor", _("Supervisor")
    EXPERT_COORDINATOR = "expert_coordinator", _("Expert coordinator")
    # Heads of adult social services (johto): they answer the councils' proposals and read
    # the whole organisation's figures, never a client's data.
    MANAGEMENT = "management", _("Management")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that work with clients directly and so may create and edit client records.
CLIENT_WORK_ROLES = frozenset({Role.COUNSELLOR, Role.SOCIAL_WORKER})
# Roles that are held for the whole organisation rather than for one unit.
ORGANISATION_ROLES = frozenset({Role.EXPERT_COORDINATOR, Role.MANAGEMENT, Role.ADMINISTRATOR})


class User(AbstractUser):
    """A staff member. Clients never log in and have no user account."""

    title = models.CharField(_("job title"), max_length=100, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language, default=Language.FINNISH
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Unit(models.Model):
    class Kind(models.TextChoices):
        OFFICE = "office", _("Social station or office")
        TEAM = "team", _("Team")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OFFICE)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoleAssignment(models.Model):
    """A staff member's role, in one unit or (coordinator, administrator) organisation-wide."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"],
                nulls_distinct=False,
                name="people_roleassignment_unique",
            ),
            models.CheckConstraint(
                # Sorted: a frozenset iterates in a different order in every process,
                # which would make makemigrations see a change each time.
                condition=Q(unit__isnull=False) | Q(role__in=sorted(ORGANISATION_ROLES)),
                name="people_roleassignment_unit_required",
                violation_error_message=_("This role is always held in a unit."),
            ),
        ]

    def __str__(self) -> str:
        if self.unit_id:
            return f"{self.user} – {self.get_role_display()} ({self.unit})"
        return f"{self.user} – {self.get_role_display()}"


class PartnerOrganisation(models.Model):
    """Kela, employment services, the parish, associations, schools: co-facilitators,
    referral sources, orderers of experience experts."""

    class Kind(models.TextChoices):
        KELA = "kela", _("Kela")
        EMPLOYMENT = "employment", _("Employment services")
        HEALTH = "health", _("Health care")
        PARISH = "parish", _("Parish")
        ASSOCIATION = "association", _("Association or NGO")
        EDUCATION = "education", _("School or educational institution")
        WORKSHOP = "workshop", _("Workshop")
        MUNICIPAL = "municipal", _("Other municipal service")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    contact_person = models.CharField(_("contact person"), max_length=200, blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Client(models.Model):
    class ReminderChannel(models.TextChoices):
        SMS = "sms", _("Text message")
        EMAIL = "email", _("E-mail")
        LETTER = "letter", _("Letter")
        NONE = "none", _("No reminders")

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    phone = PhoneNumberField(
        _("mobile number"),
        blank=True,
        help_text=_("Used for SMS reminders, for example 040 123 4567."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language, default=Language.FINNISH
    )
    # Kept in step with the active SMS consent record by the services, so that the reminder
    # scan can filter on one column instead of joining the consent history.
    sms_consent_at = models.DateTimeField(_("SMS consent given"), null=True, blank=True)
    # How reminders and notices reach the client. A text message also needs the SMS consent
    # on record; a letter (for someone without a phone) needs the postal address.
    reminder_channel = models.CharField(
        _("reminders by"),
        max_length=10,
        choices=ReminderChannel,
        default=ReminderChannel.SMS,
        help_text=_("Letters are printed and posted by staff a few days ahead."),
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="clients"
    )
    named_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("named worker"),
        help_text=_("The client's own worker (omatyöntekijä)."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="named_clients",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_clients",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["last_name", "first_name", "id"]
        indexes = [
            models.Index(
                fields=["unit", "last_name", "first_name"], name="people_client_unit_name"
            ),
            models.Index(fields=["named_worker"], name="people_client_named_worker"),
            models.Index(fields=["created_by"], name="people_client_created_by"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def has_sms_consent(self) -> bool:
        return self.sms_consent_at is not None

    @property
    def postal_address(self) -> str:
        town = " ".join(p for p in (self.postal_code, self.post_office) if p)
        return ", ".join(p for p in (self.street_address, town) if p)


# What staff may fill in and change on a client record (the rest is set by the services).
CLIENT_EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "preferred_language",
    "reminder_channel",
    "street_address",
    "postal_code",
    "post_office",
    "unit",
    "named_worker",
)


class Consent(models.Model):
    """What a client consented to, when, recorded by whom, and when it was withdrawn."""

    class Kind(models.TextChoices):
        SMS = "sms", _("SMS messages (reminders and notices)")
        EXPERT_PRESENCE = "expert_presence", _("An experience expert at a client meeting")
        DATA_USE = "data_use", _("Use of what I say in development work (anonymised)")
        PHOTO = "photo", _("Photographs")

    client = models.ForeignKey(
        Client, verbose_name=_("client"), on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(_("consent to"), max_length=30, choices=Kind)
    details = models.CharField(
        _("details"),
        max_length=500,
        blank=True,
        help_text=_("For example where photos may be published or which meeting it concerns."),
    )
    given_at = models.DateTimeField(_("given"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]
        constraints = [
            # One consent of a kind is in force at a time; history stays as withdrawn rows.
            models.UniqueConstraint(
                fields=["client", "kind"],
                condition=Q(withdrawn_at__isnull=True),
                name="people_consent_one_active_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="people_consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client}: {self.get_kind_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
