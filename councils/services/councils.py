"""Councils, their leaders, members and hours."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Council, CouncilStaff, HoursEntry, MeetingRole, Membership
from councils.services.meetings import meetings_generate
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.people.models import Client, User

COUNCIL_FIELDS = (
    "kind",
    "name",
    "purpose",
    "is_closed",
    "target_size",
    "cadence",
    "first_meeting_on",
    "start_time",
    "meeting_minutes",
    "meeting_count",
    "place",
    "ground_rules",
    "packet_days_before",
    "budget",
    "responsible",
)


def _set_leaders(council: Council, leaders: list[tuple[User, str]]) -> bool:
    """Replace the leaders; the responsible person is always one. True if who leads changed."""
    wanted = {user.pk: role for user, role in leaders}
    wanted.setdefault(council.responsible_id, MeetingRole.OTHER)
    before = dict(council.staff.values_list("user_id", "meeting_role"))
    council.staff.exclude(user_id__in=wanted).delete()
    for user_id, role in wanted.items():
        CouncilStaff.objects.update_or_create(
            council=council, user_id=user_id, defaults={"meeting_role": role}
        )
    council.__dict__.pop("_leader_ids", None)
    return set(before) != set(wanted)


@transaction.atomic
def council_create(*, actor: User, units, leaders=(), **data) -> Council:
    """A council with its leaders; its meetings are created from the cadence at once."""
    council = Council(created_by=actor, **{k: v for k, v in data.items() if k in COUNCIL_FIELDS})
    council.full_clean()
    council.save()
    council.units.set(units)
    _set_leaders(council, list(leaders))
    meetings_generate(council=council)
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=council)
    return council


@transaction.atomic
def council_update(*, actor: User, council: Council, units=None, leaders=None, **data) -> Council:
    for field, value in data.items():
        if field in COUNCIL_FIELDS:
            setattr(council, field, value)
    council.full_clean()
    council.save()
    if units is not None:
        council.units.set(units)
        council.__dict__.pop("_unit_ids", None)
    if leaders is not None and _set_leaders(council, list(leaders)):
        # A new leader sees every member: who gave that access, and when.
        audit_record(
            actor=actor, action=AuditEvent.Action.CHANGE, obj=council, changed_fields=["leaders"]
        )
    return council


@transaction.atomic
def council_set_status(*, actor: User, council: Council, status: str) -> Council:
    council = Council.objects.select_for_update().get(pk=council.pk)
    if status == council.status:
        return council
    if status not in dict(council.next_statuses()):
        raise ValidationError(
            _("A council cannot move from “%(old)s” to “%(new)s”.")
            % {"old": council.get_status_display(), "new": Council.Status(status).label}
        )
    council.status = status
    council.save(update_fields=["status"])
    return council


@transaction.atomic
def member_add(*, actor: User, council: Council, client: Client, starts_on: date | None = None):
    """A client joins the council (or an earlier member comes back)."""
    membership, created = Membership.objects.select_for_update().get_or_create(
        council=council,
        client=client,
        defaults={"starts_on": starts_on or timezone.localdate()},
    )
    if not created:
        if membership.status == Membership.Status.ACTIVE:
            raise ValidationError(_("%(name)s is already a member.") % {"name": client.full_name})
        membership.status = Membership.Status.ACTIVE
        membership.ends_on = None
        membership.status_changed_at = timezone.now()
        membership.save(update_fields=["status", "ends_on", "status_changed_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.CHANGE,
        obj=membership,
        unit=client.unit,
    )
    return membership


@transaction.atomic
def member_set_status(*, actor: User, membership: Membership, status: str) -> Membership:
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("client")
        .get(pk=membership.pk)
    )
    if status not in Membership.Status.values:
        raise ValidationError(_("Unknown status."))
    if status == membership.status:
        return membership
    membership.status = status
    membership.status_changed_at = timezone.now()
    ending = status in (Membership.Status.LEFT, Membership.Status.ALUMNI)
    membership.ends_on = timezone.localdate() if ending else None
    if membership.ends_on and membership.ends_on < membership.starts_on:
        membership.ends_on = membership.starts_on
    membership.save(update_fields=["status", "status_changed_at", "ends_on"])
    if status != Membership.Status.ACTIVE:
        # Nothing more goes to someone who left or is on a break: their member pages close
        # and what waits in the outbox is withdrawn.
        from councils.services.packets import member_links_close

        member_links_close(membership=membership, actor=actor)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        obj=membership,
        unit=membership.client.unit,
        changed_fields=["status"],
    )
    return membership


@transaction.atomic
def hours_record(
    *, actor: User, council: Council, month: date, hours: Decimal, note: str = ""
) -> HoursEntry:
    """A leader's hours for a month; recording the month again replaces the figure."""
    entry, _created = HoursEntry.objects.update_or_create(
        council=council,
        user=actor,
        month=month.replace(day=1),
        defaults={"hours": hours, "note": note},
    )
    entry.full_clean()
    return entry


def client_memberships_remove(client: Client) -> None:
    """Before a client record goes (people.services.client_delete, in its transaction): the
    council's figures (how many came to each meeting) stay, but nothing names the person any
    more, and their member pages close."""
    from councils.services.packets import member_links_close

    for membership in Membership.objects.filter(client=client):
        member_links_close(membership=membership, actor=None)
    Membership.objects.filter(client=client).update(
        client=None,
        status=Membership.Status.LEFT,
        ends_on=Greatest(F("starts_on"), Value(timezone.localdate())),
    )


@transaction.atomic
def feedback_round_open(*, actor: User, council: Council, today: date | None = None):
    """This month's round of the members' feedback (the feedback app's "council"
    instrument): a campaign of the council's own, answered on paper at a meeting or through
    the link on the member page; its results obey the feedback app's minimum-n rule. A
    second click returns the same round."""
    from feedback.services import scoped_campaign_open

    return scoped_campaign_open(
        actor=actor,
        instrument_code="council",
        unit=council.units.order_by("name").first(),
        scope=council.feedback_scope,
        theme=council.name,
        today=today or timezone.localdate(),
    )
