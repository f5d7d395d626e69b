"""Which audit rows are about one client (Act 703/2023 §11: the client may know who has
viewed or handled their data): the rows that name the client, and the rows that name a
record belonging to the client (an enrolment, a council membership, an expert's file, a
client meeting ...). Each app registers its record kinds here, so that the audit log imports
none of them.
"""

from django.db.models import Q

_kinds: dict[str, tuple[type, str]] = {}


def register_client_records(object_type: str, *, model, client: str) -> None:
    """`object_type` as the audit log writes it ("<app label>.<model name>"); `model` and
    the lookup from one of its rows to the client (`client`, `candidate__client` ...)."""
    _kinds[object_type] = (model, client)


def client_events_q(client) -> Q:
    """The audit rows about this client, as one filter (one subquery per kind)."""
    from django.db.models import CharField
    from django.db.models.functions import Cast

    q = Q(object_type="people.client", object_id=str(client.pk))
    for object_type, (model, lookup) in _kinds.items():
        ids = (
            model._default_manager.filter(**{lookup: client})
            .annotate(audit_id=Cast("pk", output_field=CharField()))
            .values("audit_id")
        )
        q |= Q(object_type=object_type, object_id__in=ids)
    return q


def clients_of_events(events) -> set[int]:
    """The clients these audit rows are about (for the retention of client records: a
    client whose data nobody has changed for years)."""
    clients: set[int] = set()
    by_type: dict[str, set[str]] = {}
    for object_type, object_id in events.values_list("object_type", "object_id").distinct():
        by_type.setdefault(object_type, set()).add(object_id)
    for object_id in by_type.pop("people.client", set()):
        if object_id.isdigit():
            clients.add(int(object_id))
    for object_type, ids in by_type.items():
        if object_type not in _kinds:
            continue
        model, lookup = _kinds[object_type]
        numeric = [int(i) for i in ids if i.isdigit()]
        clients.update(
            c
            for c in model._default_manager.filter(pk__in=numeric).values_list(lookup, flat=True)
            if c is not None
        )
    return clients
