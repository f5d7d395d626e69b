"""Proposals and statements from sending to outcome, their deadline reminders, management's
commissions and the council's outputs."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils import notices, purposes
from councils.models import Commission, Council, Meeting, Output, Proposal
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.core.schedules import local_date, wall_clock
from socialwork.links.services import link_issue, link_revoke
from socialwork.messaging.models import Message
from socialwork.messaging.services import email_queue
from socialwork.people.models import User

PROPOSAL_FIELDS = (
    "meeting",
    "kind",
    "title",
    "text",
    "recipient_kind",
    "recipient_user",
    "recipient_unit",
    "recipient_name",
    "recipient_email",
    "deadline",
    "responsible",
)


def default_deadline(today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=settings.COUNCIL_ANSWER_DAYS)


def _check_recipient(proposal: Proposal) -> None:
    from councils.permissions import MANAGER_ROLES
    from socialwork.people.permissions import has_role

    kind = proposal.recipient_kind
    if kind == Proposal.Recipient.MANAGER:
        if proposal.recipient_user is None or not has_role(proposal.recipient_user, *MANAGER_ROLES):
            raise ValidationError({"recipient_user": _("Choose the manager it goes to.")})
    elif kind == Proposal.Recipient.PROFESSIONALS:
        if proposal.recipient_unit is None:
            raise ValidationError({"recipient_unit": _("Choose the unit it goes to.")})
    elif not proposal.recipient_name.strip():
        raise ValidationError({"recipient_name": _("Name the recipient.")})


@transaction.atomic
def proposal_create(*, actor: User, council: Council, **data) -> Proposal:
    proposal = Proposal(council=council, created_by=actor)
    for field in PROPOSAL_FIELDS:
        if field in data:
            setattr(proposal, field, data[field])
    if proposal.deadline is None:
        proposal.deadline = default_deadline()
    if proposal.responsible_id is None:
        proposal.responsible = actor
    if proposal.meeting is not None and proposal.meeting.council_id != council.pk:
        raise ValidationError(_("The meeting belongs to another council."))
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_update(*, actor: User, proposal: Proposal, **data) -> Proposal:
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != Proposal.Status.DRAFT:
        raise ValidationError(_("A proposal that was sent is not changed any more."))
    for field in PROPOSAL_FIELDS:
        if field in data:
            setattr(proposal, field, data[field])
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_send(*, actor: User, proposal: Proposal) -> Proposal:
    """Sent: a manager here finds it among their tasks; an outside recipient with an e-mail
    address gets the text and an answer link that works once; one without an address gets it
    on paper, and a leader records the answer when it comes."""
    proposal = Proposal.objects.select_for_update().select_related("council").get(pk=proposal.pk)
    if proposal.status != Proposal.Status.DRAFT:
        raise ValidationError(_("This proposal has already been sent."))
    _check_recipient(proposal)
    if proposal.deadline is None or proposal.deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The answer deadline must be today or later.")})
    proposal.status = Proposal.Status.SENT
    proposal.sent_at = timezone.now()
    proposal.sent_by = actor
    if proposal.recipient_kind != Proposal.Recipient.MANAGER and proposal.recipient_email:
        # Open until a month past the deadline: a late answer is still an answer.
        expires = wall_clock(proposal.deadline + timedelta(days=31), datetime.min.time())
        proposal.answer_link = link_issue(
            purpose=purposes.OUTSIDE_ANSWER.name,
            valid_for=expires - timezone.now(),
            single_use=True,
            created_by=actor,
        )
        email_queue(
            to=proposal.recipient_email,
            language="fi",
            purpose=notices.ANSWER_REQUEST,
            context=notices.proposal_context(proposal),
            key=f"councils.proposal-{proposal.pk}-answer-request",
            about=proposal,
            link=proposal.answer_link,
            created_by=actor,
        )
    proposal.save(update_fields=["status", "sent_at", "sent_by", "answer_link"])
    audit_record(
        actor=actor, action=AuditEvent.Action.CHANGE, obj=proposal, changed_fields=["sent"]
    )
    return proposal


def _answered(proposal: Proposal, *, text: str, via: str, by_name: str, on: date, by=None):
    if not text.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    proposal.answer = text.strip()
    proposal.answered_via = via
    proposal.answered_by_name = by_name.strip()[:200]
    proposal.answered_by = by
    proposal.answered_on = on
    proposal.status = Proposal.Status.ANSWERED
    proposal.save()
    if proposal.answer_link_id and proposal.answer_link.revoked_at is None:
        link_revoke(link=proposal.answer_link)


def _locked_waiting(proposal: Proposal) -> Proposal:
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != Proposal.Status.SENT:
        raise ValidationError(_("This proposal has already been answered."))
    return locked


@transaction.atomic
def proposal_answer(*, actor: User, proposal: Proposal, text: str) -> Proposal:
    """The manager answers in the app."""
    from councils.permissions import can_answer_proposal

    proposal = _locked_waiting(proposal)
    if not can_answer_proposal(actor, proposal):
        raise ValidationError(_("Only the manager it was sent to answers it."))
    _answered(
        proposal,
        text=text,
        via=Proposal.AnsweredVia.APP,
        by_name=str(actor),
        on=timezone.localdate(),
        by=actor,
    )
    audit_record(
        actor=actor, action=AuditEvent.Action.CHANGE, obj=proposal, changed_fields=["answer"]
    )
    return proposal


@transaction.atomic
def proposal_answer_outside(*, proposal: Proposal, text: str, by_name: str) -> Proposal:
    """The outside recipient answers through the link (the view has used it up)."""
    proposal = _locked_waiting(proposal)
    if not by_name.strip():
        raise ValidationError({"by_name": _("Say who answers (a name or a body).")})
    _answered(
        proposal,
        text=text,
        via=Proposal.AnsweredVia.LINK,
        by_name=by_name,
        on=timezone.localdate(),
    )
    return proposal


@transaction.atomic
def proposal_record_answer(
    *, actor: User, proposal: Proposal, text: str, by_name: str, answered_on: date
) -> Proposal:
    """A leader records an answer that came on paper or by e-mail."""
    proposal = _locked_waiting(proposal)
    if answered_on > timezone.localdate():
        raise ValidationError({"answered_on": _("The answer cannot come from the future.")})
    if proposal.sent_at and answered_on < local_date(proposal.sent_at):
        raise ValidationError({"answered_on": _("The answer cannot be older than the proposal.")})
    if not by_name.strip():
        raise ValidationError({"by_name": _("Say who answered.")})
    _answered(proposal, text=text, via=Proposal.AnsweredVia.PAPER, by_name=by_name, on=answered_on)
    audit_record(
        actor=actor, action=AuditEvent.Action.CHANGE, obj=proposal, changed_fields=["answer"]
    )
    return proposal


@transaction.atomic
def proposal_report(*, actor: User, proposal: Proposal, meeting: Meeting) -> Proposal:
    """The answer was told to the council at this meeting."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.Status.ANSWERED:
        raise ValidationError(_("Only an answer that came is told to the council."))
    if meeting.council_id != proposal.council_id:
        raise ValidationError(_("The meeting belongs to another council."))
    if timezone.localtime(meeting.starts_at).date() > timezone.localdate():
        raise ValidationError(_("Record this at or after the meeting."))
    proposal.reported_at = meeting
    proposal.status = Proposal.Status.REPORTED
    proposal.save(update_fields=["reported_at", "status", "updated_at"])
    return proposal


@transaction.atomic
def proposal_outcome(*, actor: User, proposal: Proposal, outcome: str, reason: str) -> Proposal:
    """What changed, or did it, and why not? (003:72-74)"""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in (Proposal.Status.REPORTED, Proposal.Status.CLOSED):
        raise ValidationError(_("Tell the council the answer first."))
    if outcome not in Proposal.Outcome.values:
        raise ValidationError({"outcome": _("Choose what changed.")})
    if outcome != Proposal.Outcome.CHANGED and not reason.strip():
        raise ValidationError({"outcome_reason": _("Say what changed, or why not.")})
    proposal.outcome = outcome
    proposal.outcome_reason = reason.strip()
    proposal.status = Proposal.Status.CLOSED
    proposal.save(update_fields=["outcome", "outcome_reason", "status", "updated_at"])
    return proposal


# --- Deadline reminders ------------------------------------------------------------------------


def _recipient_address(proposal: Proposal) -> str:
    if proposal.recipient_kind == Proposal.Recipient.MANAGER:
        return proposal.recipient_user.email if proposal.recipient_user else ""
    return proposal.recipient_email


def deadline_reminders_queue(*, now: datetime | None = None) -> int:
    """Remind the responsible leader and the recipient COUNCIL_ANSWER_REMINDER_DAYS before
    the deadline and on the day, once each (the keys carry the deadline: a moved deadline
    is reminded again). Run by beat; running it twice adds nothing. Returns how many were
    queued this time."""
    now = now or timezone.now()
    today = local_date(now)
    if now < wall_clock(today, settings.COUNCIL_REMINDER_TIME):
        return 0  # in the morning, not in the night
    soon = today + timedelta(days=settings.COUNCIL_ANSWER_REMINDER_DAYS)
    queued = 0
    waiting = (
        Proposal.objects.filter(status=Proposal.Status.SENT, deadline__range=(today, soon))
        .select_related("council", "responsible", "recipient_user")
        .order_by("deadline", "id")
    )
    for proposal in waiting:
        purpose = notices.DEADLINE_TODAY if proposal.deadline == today else notices.DEADLINE_NEAR
        when = "today" if proposal.deadline == today else "near"
        people = [
            ("leader", proposal.responsible.email, proposal.responsible.preferred_language),
            ("recipient", _recipient_address(proposal), _recipient_language(proposal)),
        ]
        for who, address, language in people:
            if not address:
                continue
            key = f"councils.proposal-{proposal.pk}-{proposal.deadline:%Y%m%d}-{when}-{who}"
            if Message.objects.filter(idempotency_key=key).exists():
                continue
            with transaction.atomic():
                email_queue(
                    to=address,
                    language=language,
                    purpose=purpose,
                    context=notices.proposal_context(proposal),
                    key=key,
                    about=proposal,
                )
            queued += 1
    return queued


def _recipient_language(proposal: Proposal) -> str:
    if proposal.recipient_user is not None:
        return proposal.recipient_user.preferred_language
    return "fi"


# --- Commissions and outputs -------------------------------------------------------------------


@transaction.atomic
def commission_give(
    *, actor: User, council: Council, title: str, question: str, due_on: date
) -> Commission:
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date must be today or later.")})
    commission = Commission(
        council=council,
        title=title.strip(),
        question=question.strip(),
        due_on=due_on,
        given_by=actor,
    )
    commission.full_clean()
    commission.save()
    return commission


@transaction.atomic
def commission_answer(
    *, actor: User, commission: Commission, answer: str, meeting: Meeting | None = None
) -> Commission:
    commission = Commission.objects.select_for_update().get(pk=commission.pk)
    if not answer.strip():
        raise ValidationError({"answer": _("Write the council's answer.")})
    if meeting is not None and meeting.council_id != commission.council_id:
        raise ValidationError(_("The meeting belongs to another council."))
    commission.answer = answer.strip()
    commission.answered_at = timezone.now()
    commission.answered_at_meeting = meeting
    commission.status = Commission.Status.ANSWERED
    commission.save()
    return commission


@transaction.atomic
def output_add(*, actor: User, council: Council, **data) -> Output:
    output = Output(council=council, created_by=actor, **data)
    output.full_clean()
    output.save()
    return output
