import pytest
from django.core.exceptions import ValidationError

from socialwork.audit.models import AuditEvent
from socialwork.people import services
from socialwork.people.models import Client, Consent, Language


def test_client_create_normalises_number_records_consent_and_audits(world):
    client = services.client_create(
        actor=world.counsellor,
        first_name="Aino",
        last_name="Korhonen",
        phone="041 3950 123",
        preferred_language=Language.SWEDISH,
        unit=world.unit,
        named_worker=world.counsellor,
        sms_consent=True,
    )
    client.refresh_from_db()
    assert client.phone.as_e164 == "+358413950123"
    assert client.has_sms_consent
    consent = client.consents.get()
    assert consent.kind == Consent.Kind.SMS and consent.recorded_by == world.counsellor
    actions = list(
        AuditEvent.objects.filter(actor=world.counsellor).values_list("action", "object_type")
    )
    assert ("create", "people.client") in actions
    assert ("create", "people.consent") in actions


def test_client_update_audits_changed_field_names_not_values(world):
    services.client_update(
        actor=world.counsellor, client=world.client, street_address="Salainen tie 7"
    )
    event = AuditEvent.objects.get(action="change", object_id=str(world.client.pk))
    assert event.changed_fields == ["street_address"]
    assert "Salainen" not in str(event.__dict__)


def test_client_update_without_changes_writes_nothing(world):
    services.client_update(
        actor=world.counsellor, client=world.client, first_name=world.client.first_name
    )
    assert not AuditEvent.objects.filter(action="change").exists()


def test_withdrawing_sms_consent_clears_it_and_keeps_history(world):
    services.client_update(actor=world.counsellor, client=world.client, sms_consent=True)
    services.client_update(actor=world.counsellor, client=world.client, sms_consent=False)
    world.client.refresh_from_db()
    assert not world.client.has_sms_consent
    consent = world.client.consents.get()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == world.counsellor
    # A new consent after the withdrawal is a new row; the old one stays as history.
    services.consent_record(actor=world.counsellor, client=world.client, kind=Consent.Kind.SMS)
    assert world.client.consents.count() == 2


def test_invalid_client_changes_nothing(world):
    before = Client.objects.count()
    with pytest.raises(ValidationError):
        services.client_create(
            actor=world.counsellor, first_name="", last_name="X", unit=world.unit
        )
    assert Client.objects.count() == before
    assert not AuditEvent.objects.filter(action="create", object_type="people.client").exists()


def test_client_delete_is_audited_and_removes_consents(world):
    services.consent_record(actor=world.counsellor, client=world.client, kind=Consent.Kind.PHOTO)
    pk = world.client.pk
    services.client_delete(actor=world.supervisor, client=world.client)
    assert not Client.objects.filter(pk=pk).exists()
    assert not Consent.objects.filter(client_id=pk).exists()
    event = AuditEvent.objects.get(action="delete")
    assert event.object_id == str(pk) and event.actor == world.supervisor


def test_role_assignment_keeps_admin_flag_in_step(world):
    assert world.administrator.is_staff
    assert not world.counsellor.is_staff
    assignment = world.administrator.role_assignments.get()
    services.role_revoke(actor=world.administrator, assignment=assignment)
    world.administrator.refresh_from_db()
    assert not world.administrator.is_staff


def test_role_changes_are_audited(world):
    assignment = services.role_assign(
        actor=world.administrator, user=world.counsellor, role="supervisor", unit=world.unit
    )
    services.role_revoke(actor=world.administrator, assignment=assignment)
    events = AuditEvent.objects.filter(
        object_type="people.roleassignment", actor=world.administrator
    )
    assert sorted(events.values_list("action", flat=True)) == ["create", "delete"]
