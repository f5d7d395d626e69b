"""Who may see or change what in people: the need-to-know rules in one place.

A counsellor or social worker sees the clients connected to their own work, a supervisor the
clients of the units they lead, an administrator configures but reads no client data.
Later apps (groups, councils, experts) add connections with register_client_connection().
"""

from collections.abc import Callable

from django.db.models import Q

from socialwork.people.models import CLIENT_WORK_ROLES, Client, Role

ClientConnection = Callable[[object], Q]
_client_connections: list[ClientConnection] = []


def register_client_connection(connection: ClientConnection) -> ClientConnection:
    """Register fn(user) -> Q over Client for the clients a staff member works with."""
    _client_connections.append(connection)
    return connection


def role_set(user) -> frozenset[tuple[str, int | None]]:
    """(role, unit_id) pairs of an active user, read once per request and kept on the user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_socialwork_roles", None)
    if cached is None:
        cached = frozenset(user.role_assignments.values_list("role", "unit_id"))
        user._socialwork_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    return any(role in roles for role, _unit in role_set(user))


def unit_ids_with_role(user, *roles: str) -> set[int]:
    return {unit for role, unit in role_set(user) if role in roles and unit is not None}


def is_administrator(user) -> bool:
    return has_role(user, Role.ADMINISTRATOR) or bool(getattr(user, "is_superuser", False))


def can_use_admin(user) -> bool:
    return getattr(user, "is_active", False) and is_administrator(user)


def is_staff_member(user) -> bool:
    return bool(role_set(user)) or is_administrator(user)


def client_visibility_q(user) -> Q:
    """The clients this user may see, as a filter. Empty for everyone else."""
    if not has_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR):
        return Q(pk__in=[])
    q = Q(pk__in=[])
    if has_role(user, *CLIENT_WORK_ROLES):
        q |= Q(created_by=user) | Q(named_worker=user)
        for connection in _client_connections:
            q |= connection(user)
    supervised = unit_ids_with_role(user, Role.SUPERVISOR)
    if supervised:
        q |= Q(unit_id__in=supervised)
    return q


def can_list_clients(user) -> bool:
    return has_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR)


def can_create_client(user) -> bool:
    return bool(unit_ids_with_role(user, *CLIENT_WORK_ROLES))


def can_view_client(user, client: Client) -> bool:
    return (
        can_list_clients(user)
        and Client.objects.filter(client_visibility_q(user), pk=client.pk).exists()
    )


def can_change_client(user, client: Client) -> bool:
    """Workers who work with the client change the record; supervisors only read it."""
    if not has_role(user, *CLIENT_WORK_ROLES):
        return False
    if user.pk in (client.created_by_id, client.named_worker_id):
        return True
    connected = Q(pk__in=[])
    for connection in _client_connections:
        connected |= connection(user)
    return Client.objects.filter(connected, pk=client.pk).exists()


def can_delete_client(user, client: Client) -> bool:
    """Removing a client record is the supervisor's decision for their own unit."""
    return client.unit_id in unit_ids_with_role(user, Role.SUPERVISOR)


def can_view_partners(user) -> bool:
    return is_staff_member(user)


def can_make_data_export(user, client: Client) -> bool:
    """The client's copy of everything the product holds about them (GDPR Art. 15) crosses
    every need-to-know line (council interviews, the expert's own file ...), so it is made
    by the unit's supervisor, who answers the client's request for the organisation."""
    return client.unit_id in unit_ids_with_role(user, Role.SUPERVISOR)


def can_make_access_report(user, client: Client) -> bool:
    """The client's access report (Act 703/2023 §11) is made by those who may see the client:
    the workers who work with them and their unit's supervisor."""
    return can_view_client(user, client)
