"""Who may read which dashboards and reports: those who lead units (their units) and
management (the whole organisation). Figures only: every figure about people follows the
one rule for small figures, whoever reads it. An administrator runs the system and has no
need to know how the groups are doing."""

from socialwork.people.models import Role
from socialwork.people.permissions import has_role


def can_open_reports(user) -> bool:
    return has_role(user, Role.SUPERVISOR, Role.MANAGEMENT)
