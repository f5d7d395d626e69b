from socialwork.people.models import Role
from socialwork.people.permissions import has_role, is_administrator


def can_view_audit_log(user) -> bool:
    """Administrators read the whole log, supervisors the events of their own units."""
    return is_administrator(user) or has_role(user, Role.SUPERVISOR)
