from django.db.models import Case, F, Q, QuerySet, Value, When

from socialwork.audit.models import AuditEvent
from socialwork.people.models import Role
from socialwork.people.permissions import is_administrator, unit_ids_with_role

# Objects whose names are no client's. An administrator configures the service and reads no
# client data (DESIGN §4): in the log they see what happened to every object, but the name
# only of these; a supervisor sees the names in the units they lead.
STAFF_OBJECT_TYPES = (
    "people.user",
    "people.unit",
    "people.roleassignment",
    "people.partnerorganisation",
    "groups.programme",
    "groups.grouprun",
    "groups.session",
    "groups.evaluationquestionset",
    "feedback.instrument",
    "feedback.instrumentversion",
    "feedback.campaign",
    "feedback.kioskdevice",
    "feedback.workercode",
    "messaging.messagetemplate",
)


def audit_event_list_for_user(user) -> QuerySet[AuditEvent]:
    """The events a user may read, each with `shown_label`: the object's name where the
    user may know it, empty elsewhere."""
    supervised = list(unit_ids_with_role(user, Role.SUPERVISOR))
    events = (
        AuditEvent.objects.select_related("actor", "unit")
        .order_by("-at", "-id")
        .annotate(
            shown_label=Case(
                When(
                    Q(object_type__in=STAFF_OBJECT_TYPES) | Q(unit_id__in=supervised),
                    then=F("object_label"),
                ),
                default=Value(""),
            )
        )
    )
    if is_administrator(user):
        return events
    return events.filter(unit_id__in=supervised)
