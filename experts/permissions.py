"""Who may see or change what in the experience-expert roster."""

from socialwork.people.models import CLIENT_WORK_ROLES, Role
from socialwork.people.permissions import has_role


def can_open_experts(user) -> bool:
    # Workers order experts for their clients' meetings; the coordinator keeps the roster.
    return has_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR, Role.EXPERT_COORDINATOR)
