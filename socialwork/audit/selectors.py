from django.db.models import QuerySet

from socialwork.audit.models import AuditEvent
from socialwork.people.models import Role
from socialwork.people.permissions import is_administrator, unit_ids_with_role


def audit_event_list_for_user(user) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("actor", "unit").order_by("-at", "-id")
    if is_administrator(user):
        return events
    return events.filter(unit_id__in=unit_ids_with_role(user, Role.SUPERVISOR))
