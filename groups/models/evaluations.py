"""The evaluation after every session, the session codes that open it without a login,
and the working group's final evaluation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from groups.models.participation import Enrolment
from groups.models.programmes import EvaluationQuestion
from groups.models.runs import GroupRun, Session


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
