"""Who may see or change what in groups.

Facilitators see and run their groups; the unit's supervisor reads them. A client's details
are shown only to staff who work with that client: facilitating a group the client is in
counts as working with them (registered below as a client connection). A participant's own
evaluation answers are read only by the group's facilitators and the client's own worker.
"""

from django.db.models import Q

from groups.models import Enrolment, GroupRun
from socialwork.audit.subjects import register_client_records
from socialwork.people.models import CLIENT_WORK_ROLES, Role
from socialwork.people.permissions import (
    has_role,
    register_client_connection,
    unit_ids_with_role,
)


@register_client_connection
def _facilitated_participants(user) -> Q:
    # A subquery, not a join: a join through enrolments would repeat a client once per group.
    return Q(pk__in=Enrolment.objects.filter(run__facilitators=user).values("client_id"))


def is_facilitator(user, run: GroupRun) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(run, "_facilitator_ids", None)
    if cached is None:
        cached = set(run.facilitators.values_list("pk", flat=True))
        run._facilitator_ids = cached
    return user.pk in cached


def can_list_runs(user) -> bool:
    return has_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR)


def can_create_run(user) -> bool:
    return bool(unit_ids_with_role(user, *CLIENT_WORK_ROLES))


def can_view_run(user, run: GroupRun) -> bool:
    return is_facilitator(user, run) or run.unit_id in unit_ids_with_role(user, Role.SUPERVISOR)


def can_manage_run(user, run: GroupRun) -> bool:
    """Facilitators plan the sessions, enrol, take attendance and record evaluations."""
    return has_role(user, *CLIENT_WORK_ROLES) and is_facilitator(user, run)


def can_manage_session(user, session) -> bool:
    return can_manage_run(user, session.run)


def can_view_participants(user, run: GroupRun) -> bool:
    """Names of participants: the facilitators. Supervisors see the group's figures only."""
    return is_facilitator(user, run)


def can_view_individual_evaluations(user, enrolment: Enrolment) -> bool:
    """A participant's own answers: the group's facilitators and the client's own worker."""
    if not getattr(user, "is_authenticated", False):
        return False
    if enrolment.client.named_worker_id == user.pk and has_role(user, *CLIENT_WORK_ROLES):
        return True
    return is_facilitator(user, enrolment.run)


def can_view_programmes(user) -> bool:
    return has_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR)


def can_view_evaluation_comments(user, run: GroupRun) -> bool:
    """Free-text answers are individual answers even without a name: facilitators only."""
    return is_facilitator(user, run)


def can_use_calendar_feed(user) -> bool:
    return has_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR)


# The client's access report counts views and changes of their enrolments (attendance,
# goals and evaluations are written against the enrolment) as handling of their data.
register_client_records("groups.enrolment", model=Enrolment, client="client")
