"""Who may open the pages of the core app: the start page. The menu uses the same
predicate."""

from socialwork.people.permissions import is_staff_member


def can_use_app(user) -> bool:
    """Any active staff member with at least one role (or an administrator)."""
    return is_staff_member(user)
