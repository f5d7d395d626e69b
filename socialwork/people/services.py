"""Every write to people data, each in one transaction together with its audit row."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record, audit_records
from socialwork.people import permissions
from socialwork.people.models import (
    CLIENT_EDITABLE_FIELDS,
    Client,
    Consent,
    Role,
    RoleAssignment,
    Unit,
    User,
)
from socialwork.people.removal import removal_run


@transaction.atomic
def client_create(*, actor: User, sms_consent: bool = False, **data: Any) -> Client:
    client = Client(created_by=actor, **{f: data[f] for f in CLIENT_EDITABLE_FIELDS if f in data})
    client.full_clean()
    client.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=client,
        unit=client.unit,
        changed_fields=[f for f in CLIENT_EDITABLE_FIELDS if data.get(f) not in (None, "")],
    )
    if sms_consent:
        consent_record(actor=actor, client=client, kind=Consent.Kind.SMS)
    return client


@transaction.atomic
def client_update(
    *, actor: User, client: Client, sms_consent: bool | None = None, **data: Any
) -> Client:
    # Lock the row: two workers saving the same client at once must not interleave.
    client = Client.objects.select_for_update().get(pk=client.pk)
    changed = []
    for field in CLIENT_EDITABLE_FIELDS:
        if field in data and getattr(client, field) != data[field]:
            setattr(client, field, data[field])
            changed.append(field)
    if changed:
        client.full_clean()
        client.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CHANGE,
            obj=client,
            unit=client.unit,
            changed_fields=changed,
        )
    if sms_consent is True and not client.has_sms_consent:
        consent_record(actor=actor, client=client, kind=Consent.Kind.SMS)
    elif sms_consent is False and client.has_sms_consent:
        active = client.consents.get(kind=Consent.Kind.SMS, withdrawn_at__isnull=True)
        consent_withdraw(actor=actor, consent=active)
    client.refresh_from_db()
    return client


@transaction.atomic
def client_delete(*, actor: User, client: Client) -> None:
    """Remove a client record for good. What other apps hold of the client is anonymised or
    removed first, as the confirmation page told (people.removal)."""
    audit_record(actor=actor, action=AuditEvent.Action.DELETE, obj=client, unit=client.unit)
    removal_run(client)
    client.delete()


def client_viewed(*, actor: User, client: Client) -> None:
    audit_record(actor=actor, action=AuditEvent.Action.VIEW, obj=client, unit=client.unit)


def clients_viewed(*, actor: User, clients) -> None:
    """A page that shows several clients (a group's participants, a register, a picker)
    writes one row for each, in one INSERT: a client's own access report lists every page
    that showed their name."""
    unique = {client.pk: client for client in clients if client is not None}
    audit_records(
        actor=actor,
        action=AuditEvent.Action.VIEW,
        objs=list(unique.values()),
        unit_id_of=lambda client: client.unit_id,
    )


@transaction.atomic
def consent_record(*, actor: User, client: Client, kind: str, details: str = "") -> Consent:
    # Lock the client so that a double tap or two workers cannot both record the same
    # consent; the second one gets a message instead of a constraint error.
    locked = Client.objects.select_for_update().get(pk=client.pk)
    if locked.consents.filter(kind=kind, withdrawn_at__isnull=True).exists():
        raise ValidationError(
            _("This consent is already in force. Withdraw it first to record a new one.")
        )
    if kind == Consent.Kind.SMS and not locked.phone:
        raise ValidationError(_("SMS reminders need a mobile number. Add one first."))
    consent = Consent.objects.create(
        client=client, kind=kind, details=details, given_at=timezone.now(), recorded_by=actor
    )
    if kind == Consent.Kind.SMS:
        Client.objects.filter(pk=client.pk).update(sms_consent_at=consent.given_at)
        client.sms_consent_at = consent.given_at
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=consent,
        unit=client.unit,
        changed_fields=["kind", "given_at"] + (["details"] if details else []),
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User, consent: Consent) -> Consent:
    consent = Consent.objects.select_for_update().select_related("client__unit").get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        return consent
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    if consent.kind == Consent.Kind.SMS:
        Client.objects.filter(pk=consent.client_id).update(sms_consent_at=None)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        obj=consent,
        unit=consent.client.unit,
        changed_fields=["withdrawn_at"],
    )
    return consent


# --- Staff and roles (administrators, seed data) -----------------------------------------


@transaction.atomic
def role_assign(
    *, actor: User | None, user: User, role: str, unit: Unit | None = None
) -> RoleAssignment:
    """Give a role. Roles decide who sees client data, so every change is audited."""
    assignment, created = RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    if created:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            obj=assignment,
            unit=unit,
            changed_fields=["role", "unit"],
        )
    sync_admin_flag(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor: User | None, assignment: RoleAssignment) -> None:
    user = assignment.user
    audit_record(actor=actor, action=AuditEvent.Action.DELETE, obj=assignment, unit=assignment.unit)
    assignment.delete()
    sync_admin_flag(user)


def sync_admin_flag(user: User) -> None:
    # Django's admin lets in users with is_staff; keep that flag equal to holding the
    # administrator role, so that the role is the one place that decides.
    is_admin = user.role_assignments.filter(role=Role.ADMINISTRATOR).exists()
    if user.is_staff != is_admin:
        user.is_staff = is_admin
        user.save(update_fields=["is_staff"])
    if hasattr(user, "_socialwork_roles"):
        del user._socialwork_roles


@transaction.atomic
def access_report_request(
    *, actor: User, client: Client, start: datetime.date, end: datetime.date, language: str
):
    """The client's access report (Act 703/2023 §11) as a PDF, made in a worker. Making it
    is itself in the log, on the client: the next report shows who made this one."""
    from socialwork.documents.services import document_ask
    from socialwork.people.documents import ACCESS_REPORT, access_report_object_id

    if not permissions.can_make_access_report(actor, client):
        raise ValidationError(_("You cannot see this client."))
    if end < start:
        raise ValidationError(_("The period ends before it starts."))
    object_id = access_report_object_id(
        client_id=client.pk, start=start, end=end, language=language
    )
    document = document_ask(kind=ACCESS_REPORT, object_id=object_id, actor=actor)
    if getattr(document, "asked_now", False):
        audit_record(
            actor=actor,
            action=AuditEvent.Action.VIEW,
            obj=client,
            unit=client.unit,
            changed_fields=["access_report"],
        )
    return document


@transaction.atomic
def data_export_request(*, actor: User, client: Client, language: str):
    """The client's copy of their data (GDPR Art. 15): a PDF and the same in JSON, made in a
    worker. A double click asks for the same pair. Giving it is in the disclosure log, so the
    client's access report and the next copy show when they had one."""
    from socialwork.audit.disclosures import disclosed
    from socialwork.documents.services import document_ask
    from socialwork.people.data_export import (
        DATA_EXPORT_GIVEN,
        DATA_EXPORT_JSON,
        DATA_EXPORT_PDF,
        data_export_object_id,
    )

    if not permissions.can_make_data_export(actor, client):
        raise ValidationError(_("Only the unit's supervisor makes a copy of a client's data."))
    pdf = document_ask(
        kind=DATA_EXPORT_PDF,
        object_id=data_export_object_id(client_id=client.pk, language=language),
        actor=actor,
    )
    document_ask(
        kind=DATA_EXPORT_JSON,
        object_id=data_export_object_id(client_id=client.pk, language=language, pdf_id=pdf.pk),
        actor=actor,
    )
    if getattr(pdf, "asked_now", False):
        disclosed(actor=actor, kind=DATA_EXPORT_GIVEN, clients=[client])
    return pdf


def client_remove_for_retention(*, client: Client) -> None:
    """The nightly retention job's removal (socialwork/people/retention.py): as a supervisor's
    removal, written in the log as the retention's."""
    audit_record(
        actor=None,
        action=AuditEvent.Action.DELETE,
        obj=client,
        unit=client.unit,
        label="(retention)",
        changed_fields=["retention"],
    )
    removal_run(client)
    client.delete()
