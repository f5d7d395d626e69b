"""Which audit rows are about one client (Act 703/2023 §11: the client may know who has
viewed or handled their data): the rows that name the client, and the rows that name a
record belonging to the client (an enrolment, a council membership, an expert's file, a
client meeting ...). Each app registers its record kinds here, so that the audit log imports
none of them.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

# fn(client) -> a queryset of the client's records of that kind (their primary keys are read).
ClientRecords = Callable[[object], QuerySet]
_kinds: dict[str, ClientRecords] = {}


def register_client_records(object_type: str, records: ClientRecords) -> None:
    """`object_type` as the audit log writes it: "<app label>.<model name>"."""
    _kinds[object_type] = records


def client_events_q(client) -> Q:
    """The audit rows about this client, as one filter (one subquery per kind)."""
    from django.db.models.functions import Cast

    q = Q(object_type="people.client", object_id=str(client.pk))
    for object_type, records in _kinds.items():
        ids = records(client).annotate(audit_id=Cast("pk", output_field=_text())).values("audit_id")
        q |= Q(object_type=object_type, object_id__in=ids)
    return q


def _text():
    from django.db.models import CharField

    return CharField()
