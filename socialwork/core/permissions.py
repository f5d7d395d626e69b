"""Who may open the pages of the core app: the start page and the placeholders of the
features still to come. The menu uses the same predicates."""

from socialwork.people.models import CLIENT_WORK_ROLES, Role
from socialwork.people.permissions import has_role, is_staff_member


def can_use_app(user) -> bool:
    """Any active staff member with at least one role (or an administrator)."""
    return is_staff_member(user)


def works_with_clients(user) -> bool:
    return has_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR)


def can_open_experts(user) -> bool:
    return has_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR, Role.EXPERT_COORDINATOR)


def can_open_reports(user) -> bool:
    return has_role(user, Role.SUPERVISOR, Role.ADMINISTRATOR)


# Who may open each placeholder, by feature.
FEATURE_ACCESS = {
    "councils": works_with_clients,
    "experts": can_open_experts,
    "reports": can_open_reports,
}
