import pytest
from django.urls import reverse
from django.utils import translation

from socialwork.audit.models import AuditEvent
from socialwork.people.models import Client
from socialwork.people.services import client_viewed
from tests.factories import ClientFactory
from tests.utils import count_queries


def form_data(world, **overrides):
    data = {
        "first_name": "Elin",
        "last_name": "Sjöblom",
        "phone": "041 3950 777",
        "email": "",
        "preferred_language": "sv",
        "street_address": "",
        "postal_code": "",
        "post_office": "",
        "unit": world.unit.pk,
        "named_worker": world.counsellor.pk,
    }
    return data | overrides


def test_create_client(world, login):
    response = login(world.counsellor).post(
        reverse("people:client_create"), form_data(world, sms_consent="on")
    )
    client = Client.objects.get(last_name="Sjöblom")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:client_detail", args=[client.pk])
    assert client.phone.as_e164 == "+358413950777" and client.has_sms_consent
    assert client.created_by == world.counsellor


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"phone": "123"}, "phone", "Anna oikea matkapuhelinnumero"),
        ({"phone": "09 310 1691"}, "phone", "ei ole matkapuhelinnumero"),
        (
            {"phone": "", "sms_consent": "on"},
            "phone",
            "tekstiviestimuistutuksiin tarvitaan matkapuhelinnumero",
        ),
        ({"first_name": ""}, "first_name", "Tämä kenttä vaaditaan"),
    ],
)
def test_bad_input_gets_a_finnish_message_and_saves_nothing(
    world, login, overrides, field, message
):
    before = Client.objects.count()
    response = login(world.counsellor).post(
        reverse("people:client_create"), form_data(world, **overrides)
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message.lower() in errors.lower()
    assert Client.objects.count() == before
    assert not AuditEvent.objects.filter(action="create", object_type="people.client").exists()


def test_cannot_put_a_client_in_a_unit_one_does_not_work_in(world, login):
    response = login(world.counsellor).post(
        reverse("people:client_create"), form_data(world, unit=world.other_unit.pk)
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Client.objects.filter(last_name="Sjöblom").exists()


def test_viewing_a_client_is_audited(world, login):
    response = login(world.supervisor).get(reverse("people:client_detail", args=[world.client.pk]))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="view")
    assert event.actor == world.supervisor
    assert event.object_id == str(world.client.pk)
    assert event.unit == world.unit
    assert event.path == reverse("people:client_detail", args=[world.client.pk])
    assert event.ip_address == "127.0.0.1"


def test_edit_client(world, login):
    response = login(world.counsellor).post(
        reverse("people:client_update", args=[world.client.pk]),
        form_data(world, first_name="Aino", last_name="Virta"),
    )
    assert response.status_code == 302
    world.client.refresh_from_db()
    assert world.client.full_name == "Aino Virta"
    assert AuditEvent.objects.filter(action="change", object_id=str(world.client.pk)).exists()


def test_supervisor_removes_client(world, login):
    url = reverse("people:client_delete", args=[world.client.pk])
    response = login(world.supervisor).post(url)
    assert response.status_code == 302
    assert not Client.objects.filter(pk=world.client.pk).exists()


def test_consent_record_and_withdraw(world, login):
    client = login(world.counsellor)
    response = client.post(
        reverse("people:consent_create", args=[world.client.pk]),
        {"kind": "photo", "details": "Ryhmän kuvat kaupungin sivuilla"},
    )
    assert response.status_code == 302
    consent = world.client.consents.get(kind="photo")
    # A second active consent of the same kind is refused with a message.
    response = client.post(
        reverse("people:consent_create", args=[world.client.pk]), {"kind": "photo"}
    )
    assert response.status_code == 200 and response.context["form"].errors["kind"]
    response = client.post(reverse("people:consent_withdraw", args=[world.client.pk, consent.pk]))
    consent.refresh_from_db()
    assert response.status_code == 302 and consent.withdrawn_at is not None


def test_client_list_filters_by_name_and_unit(world, login):
    ClientFactory(
        first_name="Anna", last_name="Korhonen", unit=world.unit, named_worker=world.counsellor
    )
    ClientFactory(
        first_name="Anna", last_name="Mäki", unit=world.unit, named_worker=world.counsellor
    )
    client = login(world.counsellor)
    response = client.get(reverse("people:client_list"), {"name": "anna kor"})
    assert [c.last_name for c in response.context["clients"]] == ["Korhonen"]
    response = client.get(reverse("people:client_list"), {"unit": "not-a-number"})
    assert response.status_code == 200
    assert list(response.context["clients"]) == []
    assert response.context["filter"].errors


def test_client_list_query_count_is_flat(world, login):
    client = login(world.counsellor)
    url = reverse("people:client_list")
    ClientFactory.create_batch(2, unit=world.unit, named_worker=world.counsellor)
    few = count_queries(client, url)
    ClientFactory.create_batch(20, unit=world.unit, named_worker=world.counsellor)
    assert count_queries(client, url) == few <= 8


def test_audit_list_query_count_is_flat(world, login):
    client = login(world.supervisor)
    url = reverse("audit:event_list")
    client_viewed(actor=world.counsellor, client=world.client)
    few = count_queries(client, url)
    for _ in range(30):
        client_viewed(actor=world.counsellor, client=world.client)
    assert count_queries(client, url) == few <= 8


def test_pages_are_in_finnish_by_default_and_switch_to_swedish(world, login):
    client = login(world.counsellor)
    assert "Asiakkaat" in client.get(reverse("people:client_list")).content.decode()
    client.post(reverse("set_language"), {"language": "sv", "next": "/clients/"})
    assert "Klienter" in client.get(reverse("people:client_list")).content.decode()
    translation.activate("fi")


def test_opening_the_edit_form_is_an_audited_view(world, login):
    login(world.counsellor).get(reverse("people:client_update", args=[world.client.pk]))
    assert AuditEvent.objects.filter(
        action="view", object_id=str(world.client.pk), actor=world.counsellor
    ).exists()


def test_recording_the_same_consent_twice_gets_a_message(world, login):
    from socialwork.people.services import consent_record

    client = login(world.counsellor)
    url = reverse("people:consent_create", args=[world.client.pk])
    # The form was shown before a colleague recorded the same consent: the save still
    # answers with a message, not an error page.
    consent_record(actor=world.social_worker, client=world.client, kind="photo")
    response = client.post(url, {"kind": "photo"})
    assert response.status_code == 200
    assert "on jo voimassa" in " ".join(response.context["form"].errors["kind"])
    assert world.client.consents.filter(kind="photo").count() == 1


def test_sms_consent_needs_a_mobile_number(world, login):
    world.client.phone = ""
    world.client.save()
    response = login(world.counsellor).post(
        reverse("people:consent_create", args=[world.client.pk]), {"kind": "sms"}
    )
    assert response.status_code == 200 and response.context["form"].errors["kind"]
    assert not world.client.consents.exists()


def test_a_departed_named_worker_is_not_cleared_by_an_unrelated_edit(world, login):
    departed = world.other_counsellor  # works in another unit now
    world.client.named_worker = departed
    world.client.save()
    login(world.counsellor)  # still connected as the client's creator
    response = login(world.counsellor).get(reverse("people:client_update", args=[world.client.pk]))
    assert response.context["form"].initial["named_worker"] == departed.pk
    assert departed in response.context["form"].fields["named_worker"].queryset


def test_partner_list_query_count_is_flat(world, login):
    from tests.factories import PartnerOrganisationFactory

    client = login(world.counsellor)
    url = reverse("people:partner_list")
    PartnerOrganisationFactory.create_batch(2)
    few = count_queries(client, url)
    PartnerOrganisationFactory.create_batch(20)
    assert count_queries(client, url) == few
