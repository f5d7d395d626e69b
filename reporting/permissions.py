"""Who may read which dashboards and reports."""

from socialwork.people.models import Role
from socialwork.people.permissions import has_role


def can_open_reports(user) -> bool:
    return has_role(user, Role.SUPERVISOR, Role.MANAGEMENT, Role.ADMINISTRATOR)
