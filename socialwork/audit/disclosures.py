"""The disclosure log: each time a client's data leaves the product (a print file of letters,
an export that names clients), one row per client named, in the audit log, saying what left,
to whom and why. The client's access report lists them with the views and changes. Apps
register their kinds of disclosure here and record them with `disclosed`."""

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class DisclosureKind:
    code: str
    what: Promise  # translated lazily: "the print file of letters"
    recipient: Promise  # "printing and post"
    purpose: Promise  # "to send the client's letters"


_kinds: dict[str, DisclosureKind] = {}


def register_disclosure(kind: DisclosureKind) -> DisclosureKind:
    _kinds[kind.code] = kind
    return kind


def disclosure_kind(code: str) -> DisclosureKind | None:
    return _kinds.get(code)


def disclosed(*, actor, kind: DisclosureKind, clients) -> None:
    """One audit row for each client named in what left, in one INSERT."""
    from socialwork.audit.models import AuditEvent
    from socialwork.audit.services import audit_records

    unique = {client.pk: client for client in clients if client is not None}
    if not unique:
        return
    audit_records(
        actor=actor,
        action=AuditEvent.Action.DISCLOSE,
        objs=list(unique.values()),
        unit_id_of=lambda client: client.unit_id,
        changed_fields=[kind.code],
    )
