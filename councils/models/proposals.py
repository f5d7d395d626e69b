"""Proposals and statements to management and beyond, management's commissions to the
council, and what the council produced (domain guide §4.1 step 7, §7.2.6-8).

"Bring management's answers back to the group: what changed, or did it, and why not?"
(003:72-74): a proposal is finished only when its answer has been reported back to the
council and the outcome recorded.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.models.councils import Council
from councils.models.meetings import Meeting
from socialwork.people.models import Unit


class Proposal(models.Model):
    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("Proposal (aloite)")
        STATEMENT = "statement", _("Statement (kannanotto)")

    class Recipient(models.TextChoices):
        MANAGER = "manager", _("A manager here (answers in the app)")
        PROFESSIONALS = "professionals", _("The professionals of a unit")
        DECISION_MAKER = "decision_maker", _("A decision maker or body (e.g. a board)")
        OUTSIDE = "outside", _("Another body outside (e.g. the media)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")
        REPORTED = "reported", _("Answer told to the council")
        CLOSED = "closed", _("Outcome recorded")

    class AnsweredVia(models.TextChoices):
        APP = "app", _("In the app")
        LINK = "link", _("Through the answer link")
        PAPER = "paper", _("On paper or by e-mail, recorded by a leader")

    class Outcome(models.TextChoices):
        CHANGED = "changed", _("Changed")
        PARTLY = "partly", _("Partly changed")
        NOT_CHANGED = "not_changed", _("Not changed")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="proposals"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("drafted at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.PROPOSAL)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    recipient_kind = models.CharField(_("to"), max_length=20, choices=Recipient)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_proposals",
    )
    recipient_unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recipient_name = models.CharField(
        _("recipient"), max_length=200, blank=True, help_text=_("For example the social board.")
    )
    recipient_email = models.EmailField(
        _("recipient's e-mail"),
        blank=True,
        help_text=_("The answer link is sent here. Leave empty if the proposal goes on paper."),
    )
    deadline = models.DateField(_("answer by"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible leader"),
        on_delete=models.PROTECT,
        related_name="council_proposals_responsible",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The outside recipient's answer page (councils/purposes.OUTSIDE_ANSWER).
    answer_link = models.OneToOneField(
        "links.SecretLink",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_proposal",
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by_name = models.CharField(_("answered by"), max_length=200, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_via = models.CharField(
        _("answer came"), max_length=10, choices=AnsweredVia, blank=True
    )
    reported_at = models.ForeignKey(
        Meeting,
        verbose_name=_("answer told at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers_reported",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome, blank=True)
    outcome_reason = models.TextField(_("what changed, or did it, and why not?"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("proposal or statement")
        verbose_name_plural = _("proposals and statements")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The deadline scan and the manager's task list: waiting proposals by deadline.
            models.Index(
                fields=["deadline", "id"], condition=Q(status="sent"), name="councils_waiting"
            ),
            models.Index(fields=["council", "status"], name="councils_proposal_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(recipient_kind="manager")
                | Q(recipient_user__isnull=False)
                | Q(status="draft"),
                name="councils_proposal_manager_named",
                violation_error_message=_("Choose the manager the proposal goes to."),
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(outcome=""),
                name="councils_proposal_closed_has_outcome",
                violation_error_message=_("Record the outcome first."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def recipient_label(self) -> str:
        if self.recipient_kind == self.Recipient.MANAGER and self.recipient_user_id:
            return str(self.recipient_user)
        if self.recipient_kind == self.Recipient.PROFESSIONALS and self.recipient_unit_id:
            return str(self.recipient_unit)
        return self.recipient_name or self.get_recipient_kind_display()


class Commission(models.Model):
    """A question management gives the council to work on (toimeksianto, 003:72-74)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Being worked on")
        ANSWERED = "answered", _("Answered")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="commissions"
    )
    question = models.TextField(_("question"))
    title = models.CharField(_("title"), max_length=200)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.PROTECT,
        related_name="council_commissions",
    )
    due_on = models.DateField(_("answer by"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    answer = models.TextField(_("the council's answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_at_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("answered at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commissions_answered",
    )
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("commission")
        verbose_name_plural = _("commissions")
        ordering = ["status", "due_on", "id"]

    def __str__(self) -> str:
        return self.title


class Output(models.Model):
    """Something the council produced and where it ended up: the Huoneentaulu poster,
    comments on a brochure or a web page, an event (002:1711-1748; 003:99-119, 199-211)."""

    class Kind(models.TextChoices):
        POSTER = "poster", _("Poster or guide")
        COMMENT = "comment", _("Comments on a brochure, form or web page")
        EVENT = "event", _("Event")
        STATEMENT = "statement", _("Statement")
        OTHER = "other", _("Other")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="outputs"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    produced_on = models.DateField(_("date"))
    where = models.CharField(
        _("where it ended up"),
        max_length=300,
        blank=True,
        help_text=_("For example on the walls of every social station, or on the city's website."),
    )
    file = models.FileField(_("file"), upload_to="councils/outputs/%Y/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["-produced_on", "-id"]

    def __str__(self) -> str:
        return self.title
