"""Who may see which feedback (domain guide §5.3, open question §8.11).

The respondent is anonymous; the worker whose colour was chosen is not. A worker's own
results are seen by that worker and by the supervisors of the worker's unit. Everyone else
who reads results sees units: client workers their own units, supervisors the units they
lead, the expert coordinator (who also recruits from the contact slips), management and
administrators the whole organisation.
"""

from django.db.models import Q

from feedback.models import Instrument, WorkerCode
from socialwork.people.models import CLIENT_WORK_ROLES, Role, Unit
from socialwork.people.permissions import (
    has_role,
    is_administrator,
    is_staff_member,
    unit_ids_with_role,
)


def can_open_feedback(user) -> bool:
    return is_staff_member(user)


def sees_whole_organisation(user) -> bool:
    # Management reads the organisation's figures (and, like everyone, no worker's own).
    return is_administrator(user) or has_role(user, Role.EXPERT_COORDINATOR, Role.MANAGEMENT)


def result_units(user):
    """The units whose results the user may read."""
    if sees_whole_organisation(user):
        return Unit.objects.filter(is_active=True)
    ids = unit_ids_with_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR)
    return Unit.objects.filter(pk__in=ids)


def campaign_results_readable(user):
    """A test, for every row of the campaign list, of whether the user may read that
    campaign's results: a unit's campaign by its unit, the organisation's by any unit."""
    if sees_whole_organisation(user):
        return lambda campaign: True
    ids = unit_ids_with_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR)
    return lambda campaign: campaign.unit_id in ids if campaign.unit_id else bool(ids)


def can_view_results(user) -> bool:
    return sees_whole_organisation(user) or bool(
        unit_ids_with_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR)
    )


def result_codes(user):
    """The worker colours whose own results the user may read: their own, and those of the
    units they lead."""
    if not getattr(user, "is_authenticated", False):
        return WorkerCode.objects.none()
    supervised = unit_ids_with_role(user, Role.SUPERVISOR)
    return WorkerCode.objects.filter(worker=user) | WorkerCode.objects.filter(
        unit_id__in=supervised
    )


def can_hide_comments(user, unit_id: int | None, instrument: Instrument) -> bool:
    """Hiding a comment takes it out of everyone's reading, so it is not for the worker the
    comment is about: supervisors of the unit, the instrument's responsible person and
    administrators."""
    if is_administrator(user) or instrument.responsible_id == user.pk:
        return True
    supervised = unit_ids_with_role(user, Role.SUPERVISOR)
    return unit_id is not None and unit_id in supervised


def can_record_micro_feedback(user) -> bool:
    return bool(unit_ids_with_role(user, *CLIENT_WORK_ROLES))


def micro_units(user):
    return Unit.objects.filter(pk__in=unit_ids_with_role(user, *CLIENT_WORK_ROLES))


def can_enter_paper(user) -> bool:
    return bool(unit_ids_with_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR)) or is_administrator(
        user
    )


def paper_units(user):
    if is_administrator(user):
        return Unit.objects.filter(is_active=True)
    return Unit.objects.filter(pk__in=unit_ids_with_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR))


def can_list_campaigns(user) -> bool:
    """Every staff member may print the survey sheet to enclose with decisions."""
    return is_staff_member(user)


# Others who recruit from the slips, registered by their apps (the client councils'
# leaders): scope(user) -> a filter over ContactSlip for the slips this user may read, or
# None when the user is not one of them.
_slip_scopes: list = []


def register_contact_slip_reader(scope):
    _slip_scopes.append(scope)
    return scope


def contact_slips_scope(user) -> Q | None:
    """Which slips the user reads: the coordinator every one, an app's recruiters theirs."""
    if has_role(user, Role.EXPERT_COORDINATOR):
        return Q()
    scopes = [q for q in (scope(user) for scope in _slip_scopes) if q is not None]
    if not scopes:
        return None
    combined = scopes[0]
    for q in scopes[1:]:
        combined |= q
    return combined


def can_view_contact_slips(user) -> bool:
    """The coordinators who recruit (002:807-816, 1258-1267) and whoever an app registers
    (the client councils' leaders, for their councils); supervisors see only the number of
    slips (domain guide §5.3)."""
    return contact_slips_scope(user) is not None
