"""Who may see or change what in the experience-expert roster (domain guide §5.3, §8.13).

Every client worker reads the published CVs (the electronic CV folder) to order an expert.
The expert is a client too: the person behind the CV, their contact details and the
coordinator's private file are read by the expert coordinator alone, not by supervisors,
management or the administrator.
"""

from socialwork.audit.subjects import register_client_records
from socialwork.people.models import CLIENT_WORK_ROLES, Role
from socialwork.people.permissions import has_role

# The coordinator reaches the person (contact details, channel) through the private file,
# not through the client pages: the coordinator holds no client-work role.


def can_open_experts(user) -> bool:
    # Workers order experts for their clients' meetings; the coordinator keeps the roster.
    return has_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR, Role.EXPERT_COORDINATOR)


def can_read_roster(user) -> bool:
    return can_open_experts(user)


def is_coordinator(user) -> bool:
    return has_role(user, Role.EXPERT_COORDINATOR)


def can_read_private_file(user) -> bool:
    """The coordinator, and nobody else: not even the administrator."""
    return is_coordinator(user)


def can_order(user) -> bool:
    """Client workers order for their work and clients; the coordinator enters the orders
    of outside organisations (and of anyone who phoned)."""
    return has_role(user, *CLIENT_WORK_ROLES, Role.EXPERT_COORDINATOR)


def can_view_orders(user) -> bool:
    return has_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR, Role.EXPERT_COORDINATOR)


def can_manage_order(user, order) -> bool:
    """The coordinator asks and books experts; the orderer edits, cancels and gives feedback
    on their own order."""
    return is_coordinator(user) or user.pk in (order.ordered_by_id, order.created_by_id)


def can_read_diary_report(user) -> bool:
    """The peer-support pilot's counts: the coordinator in full, supervisors and management
    with small counts hidden."""
    return has_role(user, Role.EXPERT_COORDINATOR, Role.SUPERVISOR, Role.MANAGEMENT)


# The client's access report: an expert's own file (an expert is a client too) and the
# client meetings an expert was booked for.
def _register_client_records() -> None:
    from experts.models import Booking, Expert, Order

    register_client_records("experts.expert", model=Expert, client="client")
    register_client_records("experts.order", model=Order, client="client")
    register_client_records("experts.booking", model=Booking, client="order__client")


_register_client_records()
