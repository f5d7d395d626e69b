"""Who may see what of the outbox.

Administrators see how messages fare (status, reason, kind) but never who they went to or
what they said: the administrator role reads no client data. Letters name the client and
their address, so a worker prints only the letters of the clients they work with.
"""

from socialwork.people.models import CLIENT_WORK_ROLES
from socialwork.people.permissions import has_role, is_administrator


def can_view_outbox(user) -> bool:
    return is_administrator(user)


def can_print_letters(user) -> bool:
    return has_role(user, *CLIENT_WORK_ROLES)


def can_handle_batch(user, batch) -> bool:
    """A print batch holds names and addresses: it is for the one who made it."""
    return can_print_letters(user) and batch.created_by_id == user.pk
