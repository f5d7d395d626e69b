"""Who may see or change what in client councils (domain guide §5.3).

The council's leaders run it and are the only ones who see its members, its candidates and
the interviews (registered below as a client connection). The supervisors of its units and
management read the council's work (meetings, approved minutes, proposals, outputs) and its
counts, never a member's name. A proposal addressed to a manager is answered by that manager.
"""

from django.db.models import Q

from councils.models import Candidate, Council, Interview, Membership, Proposal
from feedback.permissions import register_contact_slip_reader
from socialwork.audit.subjects import register_client_records
from socialwork.people.models import CLIENT_WORK_ROLES, Role
from socialwork.people.permissions import (
    has_role,
    register_client_connection,
    unit_ids_with_role,
)

# Who may be a proposal's recipient in the app and give the council commissions.
MANAGER_ROLES = (Role.MANAGEMENT, Role.SUPERVISOR)


@register_client_connection
def _council_people(user) -> Q:
    # Subqueries, not joins, so that a member of two councils is one client.
    return Q(pk__in=Membership.objects.filter(council__staff__user=user).values("client_id")) | Q(
        pk__in=Candidate.objects.filter(council__staff__user=user).values("client_id")
    )


@register_contact_slip_reader
def _council_slips(user) -> Q | None:
    """Members are found from the contact slips left in the satisfaction survey (002:807-816):
    a council's leaders read the slips of those interested in a council, from their
    councils' units or without a unit."""
    if not has_role(user, *CLIENT_WORK_ROLES):
        return None
    led = Council.objects.filter(staff__user=user)
    if not led.exists():
        return None
    units = Council.units.through.objects.filter(council__in=led).values("unit_id")
    return Q(interest__in=("council", "either")) & (Q(unit__isnull=True) | Q(unit_id__in=units))


def leader_ids(council: Council) -> set[int]:
    cached = getattr(council, "_leader_ids", None)
    if cached is None:
        cached = set(council.staff.values_list("user_id", flat=True))
        council._leader_ids = cached
    return cached


def is_leader(user, council: Council) -> bool:
    return getattr(user, "is_authenticated", False) and user.pk in leader_ids(council)


def sees_all_councils(user) -> bool:
    return has_role(user, Role.MANAGEMENT)


def can_open_councils(user) -> bool:
    # Councils are led by counsellors and social workers; supervisors follow their units',
    # management all of them.
    return has_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR, Role.MANAGEMENT)


def can_create_council(user) -> bool:
    return bool(unit_ids_with_role(user, *CLIENT_WORK_ROLES))


def _supervises(user, council: Council) -> bool:
    supervised = unit_ids_with_role(user, Role.SUPERVISOR)
    if not supervised:
        return False
    unit_ids = getattr(council, "_unit_ids", None)
    if unit_ids is None:
        unit_ids = set(council.units.values_list("pk", flat=True))
        council._unit_ids = unit_ids
    return bool(unit_ids & supervised)


def can_view_council(user, council: Council) -> bool:
    return is_leader(user, council) or sees_all_councils(user) or _supervises(user, council)


def can_manage_council(user, council: Council) -> bool:
    """Leaders plan meetings, keep the members, write minutes and send proposals."""
    return has_role(user, *CLIENT_WORK_ROLES) and is_leader(user, council)


def can_view_members(user, council: Council) -> bool:
    """Names of members and candidates: the leaders only. Everyone else sees counts."""
    return is_leader(user, council)


def can_view_interview(user, candidate: Candidate) -> bool:
    """The interview record: the council's leaders only, never supervisors or management."""
    return is_leader(user, candidate.council) and has_role(user, *CLIENT_WORK_ROLES)


def can_give_commission(user, council: Council) -> bool:
    return has_role(user, *MANAGER_ROLES) and can_view_council(user, council)


def can_answer_proposal(user, proposal: Proposal) -> bool:
    return (
        proposal.status == Proposal.Status.SENT
        and proposal.recipient_kind == Proposal.Recipient.MANAGER
        and proposal.recipient_user_id == getattr(user, "pk", None)
        and has_role(user, *MANAGER_ROLES)
    )


def can_view_proposal(user, proposal: Proposal) -> bool:
    return proposal.recipient_user_id == getattr(user, "pk", None) or can_view_council(
        user, proposal.council
    )


# The client's access report: their council memberships, candidacies and interviews.
register_client_records("councils.membership", model=Membership, client="client")
register_client_records("councils.candidate", model=Candidate, client="client")
register_client_records("councils.interview", model=Interview, client="candidate__client")
