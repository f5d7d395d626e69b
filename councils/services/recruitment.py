"""Recruitment (domain guide §4.1 steps 2-4): candidates from a contact slip, a worker, an ad
or an event; the kick-off event with its invitations through the outbox; the interview; the
decision, which for "accepted" makes the person a member."""

import re
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils import notices
from councils.models import Candidate, Council, Interview, Kickoff, Membership, Topic
from councils.services.councils import member_add
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.messaging.services import notice_queue
from socialwork.people.models import Client, User
from socialwork.people.services import client_create

Stage = Candidate.Stage
# The funnel's order: a candidate moves forward (a step may be skipped: someone their own
# worker knows well may go straight to the interview) or gets a decision.
FUNNEL = (Stage.INTERESTED, Stage.INVITED, Stage.ATTENDED, Stage.INTERVIEWED)


def next_stages(candidate: Candidate) -> list[str]:
    if candidate.stage == Stage.ACCEPTED:
        return []
    if candidate.stage in (Stage.NOT_NOW, Stage.DECLINED):
        # "Not now" is asked again later (002:877-879); someone who declined may change
        # their mind.
        return [Stage.INTERESTED]
    later = list(FUNNEL[FUNNEL.index(candidate.stage) + 1 :])
    return [*later, Stage.ACCEPTED, Stage.NOT_NOW, Stage.DECLINED]


def _refuse_if_taken(council: Council, client: Client) -> None:
    if Candidate.objects.filter(council=council, client=client).exists():
        raise ValidationError(
            _("%(name)s is already a candidate for this council.") % {"name": client.full_name}
        )
    if Membership.objects.filter(
        council=council, client=client, status=Membership.Status.ACTIVE
    ).exists():
        raise ValidationError(_("%(name)s is already a member.") % {"name": client.full_name})


@transaction.atomic
def candidate_add(
    *,
    actor: User,
    council: Council,
    client: Client,
    source: str,
    referred_by: User | None = None,
    kickoff: Kickoff | None = None,
) -> Candidate:
    # Two leaders adding the same person at once: the second waits, then is told.
    Council.objects.select_for_update().filter(pk=council.pk).first()
    _refuse_if_taken(council, client)
    candidate = Candidate(
        council=council,
        client=client,
        source=source,
        referred_by=referred_by,
        kickoff=kickoff,
        # A contact form handed in at the event: the person was there.
        stage=Stage.ATTENDED if kickoff is not None else Stage.INTERESTED,
        stage_changed_at=timezone.now(),
        created_by=actor,
    )
    candidate.full_clean()
    candidate.save()
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=candidate, unit=client.unit)
    return candidate


@transaction.atomic
def candidate_from_slip(*, actor: User, council: Council, slip) -> tuple[Candidate, list[str]]:
    """One click: the person on a contact slip becomes a candidate (a minimal client record
    with the details they gave) and the slip is marked handled. Returns the candidate and
    what the leader should check by hand."""
    from feedback.models import ContactSlip
    from feedback.selectors import contact_slip_person
    from feedback.services import contact_slip_take

    # Locked and marked handled here; anything refused below rolls the mark back.
    slip = contact_slip_take(slip=slip, actor=actor)
    if slip.interest == ContactSlip.Interest.EXPERT:
        raise ValidationError(_("This person wants to become an experience expert, not a member."))
    person, checks = contact_slip_person(slip)
    units = list(council.units.order_by("name"))
    if slip.unit is not None and slip.unit not in units:
        raise ValidationError(_("This contact slip came from another unit."))
    # A slip without a unit (the survey's web link) goes to the council's first unit.
    unit = slip.unit or units[0]
    client = client_create(actor=actor, unit=unit, **person)
    candidate = candidate_add(
        actor=actor, council=council, client=client, source=Candidate.Source.SURVEY
    )
    return candidate, checks


@transaction.atomic
def candidate_set_stage(
    *, actor: User, candidate: Candidate, stage: str, note: str = "", today=None
) -> Candidate:
    candidate = Candidate.objects.select_for_update().select_related("client").get(pk=candidate.pk)
    if stage == candidate.stage:
        return candidate
    if stage not in next_stages(candidate):
        raise ValidationError(
            _("A candidate cannot move from “%(old)s” to “%(new)s”.")
            % {
                "old": candidate.get_stage_display(),
                "new": Stage(stage).label if stage in Stage.values else stage,
            }
        )
    candidate.stage = stage
    candidate.stage_changed_at = timezone.now()
    if stage in Candidate.DECIDED:
        candidate.decision_note = note[:500]
    candidate.save(update_fields=["stage", "stage_changed_at", "decision_note"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        obj=candidate,
        unit=candidate.client.unit,
        changed_fields=["stage"],
    )
    if stage == Stage.ACCEPTED:
        member_add(actor=actor, council=candidate.council, client=candidate.client, starts_on=today)
    return candidate


# --- The kick-off event -------------------------------------------------------------------


@transaction.atomic
def kickoff_save(
    *,
    actor: User,
    council: Council,
    starts_at: datetime,
    ends_at: datetime,
    place: str,
    description: str = "",
    kickoff: Kickoff | None = None,
) -> Kickoff:
    if ends_at <= starts_at:
        raise ValidationError(_("The event must end after it starts."))
    kickoff = kickoff or Kickoff(council=council)
    kickoff.starts_at, kickoff.ends_at = starts_at, ends_at
    kickoff.place, kickoff.description = place, description
    kickoff.full_clean()
    kickoff.save()
    return kickoff


@transaction.atomic
def kickoff_invite(*, actor: User, kickoff: Kickoff, candidates) -> int:
    """Invite candidates through the outbox, each by their own channel: the interested, and
    those invited to an earlier event who did not come. Someone already invited to this
    event is not sent a second invitation; someone who came to an event, or has a decision,
    is not invited again. Returns how many were invited now."""
    if kickoff.starts_at <= timezone.now():
        raise ValidationError(_("The event has already started: invitations can no longer go."))
    values = notices.kickoff_context(kickoff)
    locked = (
        Candidate.objects.select_for_update(of=("self",))
        .filter(
            pk__in=[c.pk for c in candidates],
            council_id=kickoff.council_id,
            stage__in=(Stage.INTERESTED, Stage.INVITED),
        )
        .exclude(kickoff=kickoff)
        .select_related("client")
    )
    invited = 0
    for candidate in locked:
        notice_queue(
            client=candidate.client,
            purpose=notices.KICKOFF,
            context=values,
            key=f"councils.kickoff-{kickoff.pk}-candidate-{candidate.pk}",
            about=kickoff,
            about_starts_at=kickoff.starts_at,
            created_by=actor,
        )
        candidate.kickoff = kickoff
        candidate.stage = Stage.INVITED
        candidate.stage_changed_at = timezone.now()
        candidate.save(update_fields=["kickoff", "stage", "stage_changed_at"])
        invited += 1
    return invited


@transaction.atomic
def kickoff_attendance(
    *, actor: User, kickoff: Kickoff, present_ids, forms_returned: int
) -> Kickoff:
    """Who came (the invited move to "attended"; someone marked by mistake moves back) and
    how many contact forms came back at the end. Known once the event has begun."""
    if kickoff.starts_at > timezone.now():
        raise ValidationError(_("Who came is marked once the event has begun."))
    present_ids = set(present_ids)
    now = timezone.now()
    for candidate in kickoff.candidates.select_for_update():
        if candidate.pk in present_ids and candidate.stage == Stage.INVITED:
            candidate.stage = Stage.ATTENDED
        elif candidate.pk not in present_ids and candidate.stage == Stage.ATTENDED:
            candidate.stage = Stage.INVITED
        else:
            continue
        candidate.stage_changed_at = now
        candidate.save(update_fields=["stage", "stage_changed_at"])
    kickoff.forms_returned = forms_returned
    kickoff.save(update_fields=["forms_returned"])
    return kickoff


# --- The interview ------------------------------------------------------------------------

INTERVIEW_FIELDS = ("held_on", *Interview.TEXT_FIELDS)


@transaction.atomic
def interview_save(*, actor: User, candidate: Candidate, interviewers, **data) -> Interview:
    # Two interviewers saving at once: one record, the later save over the earlier.
    candidate = Candidate.objects.select_for_update().select_related("client").get(pk=candidate.pk)
    interview = Interview.objects.filter(candidate=candidate).first() or Interview(
        candidate=candidate
    )
    created = interview.pk is None
    for field in INTERVIEW_FIELDS:
        if field in data:
            setattr(interview, field, data[field])
    interview.written_by = actor
    interview.full_clean(exclude=["candidate"])
    interview.save()
    interview.interviewers.set(interviewers)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.CHANGE,
        obj=interview,
        unit=candidate.client.unit,
        # Which parts were written, never what they say.
        changed_fields=[f for f in INTERVIEW_FIELDS if data.get(f)],
    )
    if candidate.stage in (Stage.INTERESTED, Stage.INVITED, Stage.ATTENDED):
        candidate.stage = Stage.INTERVIEWED
        candidate.stage_changed_at = timezone.now()
        candidate.save(update_fields=["stage", "stage_changed_at"])
    return interview


def interview_viewed(*, actor: User, interview: Interview) -> None:
    """Every reading of an interview is in the audit log."""
    audit_record(
        actor=actor,
        action=AuditEvent.Action.VIEW,
        obj=interview,
        unit=interview.candidate.client.unit,
    )


def _names_person(line: str, client: Client) -> bool:
    # Finnish inflects names ("Tuulan", "Mäkelälle"): a word that begins with the name.
    names = [
        n.casefold() for n in client.first_name.split() + client.last_name.split() if len(n) > 2
    ]
    return any(
        word.startswith(name) for word in re.findall(r"\w+", line.casefold()) for name in names
    )


@transaction.atomic
def interview_topics_move(*, actor: User, interview: Interview) -> tuple[list[Topic], int]:
    """The topics raised in the interview go to the council's backlog, without the name:
    the backlog is read by everyone who follows the council. A line that names the person
    stays behind for the leader to rewrite. Returns the new topics and how many stayed."""
    interview = (
        Interview.objects.select_for_update()
        .select_related("candidate__client", "candidate__council")
        .get(pk=interview.pk)
    )
    council, client = interview.candidate.council, interview.candidate.client
    lines = [line[:200] for line in interview.topic_lines()]
    if not lines:
        raise ValidationError(_("The interview lists no topics."))
    already = set(
        council.topics.filter(source=Topic.Source.INTERVIEW).values_list("title", flat=True)
    )
    naming = [line for line in lines if _names_person(line, client)]
    topics = [
        Topic.objects.create(
            council=council, title=line, source=Topic.Source.INTERVIEW, created_by=actor
        )
        for line in dict.fromkeys(lines)
        if line not in already and line not in naming
    ]
    interview.topics_moved_at = timezone.now()
    interview.save(update_fields=["topics_moved_at"])
    return topics, len(set(naming))


@transaction.atomic
def candidate_create(
    *,
    actor: User,
    council: Council,
    source: str,
    client: Client | None = None,
    person: dict | None = None,
    referred_by: User | None = None,
    kickoff: Kickoff | None = None,
) -> Candidate:
    """A candidate who is already a client, or a new person (a minimal client record in one
    of the council's units, with how to reach them)."""
    if client is None:
        if not person:
            raise ValidationError(_("Choose a client or give the new person's name."))
        client = client_create(actor=actor, **person)
    return candidate_add(
        actor=actor,
        council=council,
        client=client,
        source=source,
        referred_by=referred_by,
        kickoff=kickoff,
    )
