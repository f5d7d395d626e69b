"""Programme templates (Gruppis, Sisu, Solmut auki ...) and the evaluation questions
they ask after every session."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from socialwork.core.schedules import Cadence


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
