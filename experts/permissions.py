"""Who may see or change what in the experience-expert roster (domain guide §5.3, §8.13).

Every client worker reads the published CVs (the electronic CV folder) to order an expert.
The expert is a client too: the person behind the CV, their contact details and the
coordinator's private file are read by the expert coordinator alone, not by supervisors,
management or the administrator.
"""

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
