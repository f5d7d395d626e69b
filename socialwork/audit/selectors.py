from dataclasses import dataclass

from django.db import connection
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
    "links.secretlink",
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


# --- The hash chain (made by the database, migration 0005) ---------------------------------

# Rows whose hash is not that of their own content after the row they follow, or that
# follow a row which is no longer there.
_BROKEN_SQL = """
SELECT e.id FROM audit_auditevent e
LEFT JOIN audit_auditevent p ON p.id = e.chain_previous
WHERE (e.chain_previous IS NOT NULL AND p.id IS NULL)
   OR e.chain_hash <> audit_event_digest(CASE WHEN e.chain_previous IS NULL THEN ''
                                              ELSE p.chain_hash END, e)
ORDER BY e.id
"""
# Two rows that claim to follow the same one, or more than one start: a row was removed
# and the chain patched around it, or rows were inserted past the trigger.
_FORKS_SQL = """
SELECT coalesce(chain_previous, 0), count(*) FROM audit_auditevent
GROUP BY chain_previous HAVING count(*) > 1
"""


@dataclass
class ChainReport:
    rows: int
    broken: list[int]
    forks: list[int]
    head_ok: bool

    @property
    def intact(self) -> bool:
        return not self.broken and not self.forks and self.head_ok


def audit_chain_check() -> ChainReport:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM audit_auditevent")
        rows = cursor.fetchone()[0]
        cursor.execute(_BROKEN_SQL)
        broken = [row[0] for row in cursor.fetchall()]
        cursor.execute(_FORKS_SQL)
        forks = [row[0] for row in cursor.fetchall()]
        # The end of the chain must be the last row written, with its hash: removing the
        # newest rows would otherwise leave a shorter chain that looks whole.
        cursor.execute(
            """SELECT h.last_id IS NULL AND NOT EXISTS (SELECT 1 FROM audit_auditevent)
                   OR e.chain_hash = h.last_hash
               FROM audit_auditchainhead h LEFT JOIN audit_auditevent e ON e.id = h.last_id
               WHERE h.id = 1"""
        )
        head = cursor.fetchone()
    head_ok = bool(head[0]) if head is not None else rows == 0
    return ChainReport(rows=rows, broken=broken, forks=forks, head_ok=head_ok)


def client_access_events(client, *, start, end):
    """Every view and change of this client's data between two moments, oldest first, with
    the staff member who made it (Act 703/2023 §11; the client's access report)."""
    from socialwork.audit.subjects import client_events_q

    return (
        AuditEvent.objects.filter(client_events_q(client), at__gte=start, at__lt=end)
        .select_related("actor", "unit")
        .order_by("at", "id")
    )
