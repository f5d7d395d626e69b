"""Who may see or change what in client councils."""

from socialwork.people.models import CLIENT_WORK_ROLES, Role
from socialwork.people.permissions import has_role


def can_open_councils(user) -> bool:
    # Councils are led by counsellors and social workers; supervisors follow their units'.
    return has_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR)
