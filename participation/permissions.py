"""Who may do what in social reporting (seed 004; domain guide §4.8).

Every staff member may report, from the open link at any time or in a collection they are
invited to. Reports carry no client data, yet a report still says what one worker or team
noticed: supervisors read their units' reports, management (planning and decision making)
every report. Collections and the monthly meeting are theirs to run."""

from socialwork.people.models import CLIENT_WORK_ROLES, Role
from socialwork.people.permissions import has_role, is_staff_member, unit_ids_with_role

READER_ROLES = (Role.SUPERVISOR, Role.MANAGEMENT)


def can_report(user) -> bool:
    # Asked on every page (the menu): no query. Whom a report speaks for is checked when
    # it is sent (report_unit_ids).
    return is_staff_member(user)


def report_unit_ids(user) -> set[int]:
    """The units a user may report for: those they hold any role in (an organisation-wide
    role has none: such a user chooses among all units)."""
    from socialwork.people.models import Unit

    units = unit_ids_with_role(user, *Role.values)
    if units:
        return units
    if is_staff_member(user):
        return set(Unit.objects.filter(is_active=True).values_list("pk", flat=True))
    return set()


def can_read_reports(user) -> bool:
    return has_role(user, *READER_ROLES)


def sees_all_reports(user) -> bool:
    return has_role(user, Role.MANAGEMENT)


def read_unit_ids(user) -> set[int] | None:
    """The units whose reports the user reads; None: every unit."""
    if sees_all_reports(user):
        return None
    return unit_ids_with_role(user, Role.SUPERVISOR)


def can_run_collections(user) -> bool:
    return has_role(user, *READER_ROLES)


# --- Participation events -------------------------------------------------------------------


def can_open_events(user) -> bool:
    return has_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR, Role.MANAGEMENT)


def event_unit_ids(user) -> set[int]:
    """The units a user may organise events for: where they work with clients or lead."""
    return unit_ids_with_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR)


def can_create_event(user) -> bool:
    return bool(event_unit_ids(user))


def can_manage_event(user, event) -> bool:
    """Its organisers and the supervisors of its units record what happened."""
    if not getattr(user, "is_authenticated", False):
        return False
    organisers = getattr(event, "_organiser_ids", None)
    if organisers is None:
        organisers = set(event.organisers.values_list("pk", flat=True))
        event._organiser_ids = organisers
    if user.pk in organisers:
        return True
    led = unit_ids_with_role(user, Role.SUPERVISOR)
    return bool(led and led & set(event.units.values_list("pk", flat=True)))


# --- The annual clock -----------------------------------------------------------------------


def can_open_clock(user) -> bool:
    """Supervisors plan their units' year, management the whole organisation's."""
    return has_role(user, Role.SUPERVISOR, Role.MANAGEMENT)


def clock_unit_ids(user) -> set[int] | None:
    """The units whose year the user reads and plans; None: every unit."""
    return read_unit_ids(user)


def can_change_clock_item(user, item) -> bool:
    units = clock_unit_ids(user)
    if units is None:
        return True
    return item.unit_id in units or item.created_by_id == user.pk
