"""Recruitment and the private file: a person becomes a candidate (from a contact slip with
one click, or added by the coordinator), is interviewed by two staff, trained, and becomes
an active expert; later resting or ended. The interview is read by the coordinator alone and
every reading is in the audit log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from experts.models import Booking, Expert, Interview, Training
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.people.models import Client, User
from socialwork.people.services import client_create, client_update

# Contact details of the person, kept on their client record and edited in the private file.
PERSON_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "email",
    "preferred_language",
    "reminder_channel",
    "street_address",
    "postal_code",
    "post_office",
)


@transaction.atomic
def expert_new_person(
    *, actor: User, unit, person: dict, sms_consent: bool = False, **data
) -> Expert:
    """A candidate who is not yet anyone's client: a minimal client record for the outbox."""
    from experts.services.cv import expert_create

    client = client_create(
        actor=actor,
        unit=unit,
        sms_consent=sms_consent,
        **{k: v for k, v in person.items() if k in PERSON_FIELDS},
    )
    return expert_create(actor=actor, client=client, **data)


@transaction.atomic
def expert_from_slip(*, actor: User, slip, unit) -> tuple[Expert, list[str]]:
    """One click: the person on a contact slip becomes a candidate and the slip is handled.
    Returns the expert and what the coordinator should check by hand."""
    from feedback.models import ContactSlip
    from feedback.selectors import contact_slip_person
    from feedback.services import contact_slip_take

    slip = contact_slip_take(slip=slip, actor=actor)
    if slip.interest == ContactSlip.Interest.COUNCIL:
        raise ValidationError(_("This person wants to join a client council, not expert work."))
    person, checks = contact_slip_person(slip)
    expert = expert_new_person(
        actor=actor, unit=slip.unit or unit, person=person, source=Expert.Source.SURVEY
    )
    return expert, checks


NEXT = {
    Expert.Status.CANDIDATE: (Expert.Status.INTERVIEWED, Expert.Status.ENDED),
    Expert.Status.INTERVIEWED: (Expert.Status.TRAINING, Expert.Status.ACTIVE, Expert.Status.ENDED),
    Expert.Status.TRAINING: (Expert.Status.ACTIVE, Expert.Status.ENDED),
    Expert.Status.ACTIVE: (Expert.Status.RESTING, Expert.Status.ENDED),
    Expert.Status.RESTING: (Expert.Status.ACTIVE, Expert.Status.ENDED),
    Expert.Status.ENDED: (Expert.Status.ACTIVE, Expert.Status.RESTING),
}


def next_statuses(expert: Expert) -> list[str]:
    return list(NEXT.get(expert.status, ()))


@transaction.atomic
def expert_set_status(*, actor: User, expert: Expert, status: str) -> Expert:
    """A step in the funnel. Ending stops the expert's page at once and withdraws the
    requests still waiting for an answer; the published CV leaves the roster with them."""
    from experts.services.page import page_link_revoke

    expert = (
        Expert.objects.select_for_update(of=("self",))
        .select_related("client__unit", "page_link")
        .get(pk=expert.pk)
    )
    if status not in NEXT.get(expert.status, ()):
        raise ValidationError(_("That step is not possible from the expert's present status."))
    if status == Expert.Status.ENDED:
        upcoming = expert.bookings.filter(
            status=Booking.Status.CONFIRMED, order__starts_at__gt=timezone.now()
        ).count()
        if upcoming:
            raise ValidationError(
                ngettext(
                    "Cancel or move the expert's confirmed booking first.",
                    "Cancel or move the expert's %(count)s confirmed bookings first.",
                    upcoming,
                )
                % {"count": upcoming}
            )
        expert.bookings.filter(status__in=Booking.WAITING).update(
            status=Booking.Status.CANCELLED, cancelled_at=timezone.now()
        )
        page_link_revoke(expert=expert, actor=actor)
    expert.status = status
    expert.status_changed_at = timezone.now()
    expert.save(update_fields=["status", "status_changed_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        obj=expert,
        unit=expert.client.unit,
        changed_fields=["status"],
    )
    return expert


@transaction.atomic
def expert_person_update(
    *, actor: User, expert: Expert, sms_consent: bool | None = None, **data
) -> Client:
    """The person's contact details and channel, through the people app's service."""
    return client_update(
        actor=actor,
        client=expert.client,
        sms_consent=sms_consent,
        **{k: v for k, v in data.items() if k in PERSON_FIELDS},
    )


@transaction.atomic
def interview_save(*, actor: User, expert: Expert, interviewers, **data) -> Interview:
    interviewers = list(interviewers)
    if len(interviewers) < 2:
        raise ValidationError(
            {"interviewers": _("Two staff interview together: choose both interviewers.")}
        )
    interview, _created = Interview.objects.select_for_update().get_or_create(
        expert=expert, defaults={"held_on": data.get("held_on") or timezone.localdate()}
    )
    for field in ("held_on", *Interview.TEXT_FIELDS):
        if field in data:
            setattr(interview, field, data[field])
    interview.written_by = actor
    interview.full_clean()
    interview.save()
    interview.interviewers.set(interviewers)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        obj=interview,
        unit=expert.client.unit,
        changed_fields=["interview"],
    )
    if expert.status == Expert.Status.CANDIDATE:
        expert_set_status(actor=actor, expert=expert, status=Expert.Status.INTERVIEWED)
    return interview


def interview_viewed(*, actor: User, interview: Interview) -> None:
    audit_record(
        actor=actor, action=AuditEvent.Action.VIEW, obj=interview, unit=interview.expert.client.unit
    )


@transaction.atomic
def training_add(*, actor: User, expert: Expert, **data) -> Training:
    training = Training(expert=expert, **data)
    training.full_clean()
    training.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=training,
        unit=expert.client.unit,
        changed_fields=["training"],
    )
    if expert.status == Expert.Status.INTERVIEWED:
        expert_set_status(actor=actor, expert=expert, status=Expert.Status.TRAINING)
    return training
