"""Changing requests from people who may not make them change nothing."""

import pytest
from django.urls import reverse

from socialwork.people.models import Client, Consent
from tests.factories import ConsentFactory


def snapshot(world):
    client = Client.objects.get(pk=world.client.pk)
    return (
        client.first_name,
        client.last_name,
        client.phone,
        list(Consent.objects.filter(client=client).values_list("kind", "withdrawn_at")),
    )


@pytest.mark.parametrize(
    "persona",
    [
        "anonymous",
        "social_worker",
        "supervisor",
        "expert_coordinator",
        "administrator",
        "other_counsellor",
    ],
)
@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "people:client_update",
            {"first_name": "X", "last_name": "Y", "unit": 1, "preferred_language": "fi"},
        ),
        ("people:consent_create", {"kind": "photo"}),
        ("people:consent_withdraw", {}),
        ("people:client_delete", {}),
    ],
)
def test_wrong_role_or_anonymous_cannot_change_a_client(world, login, persona, name, data):
    consent = ConsentFactory(client=world.client, recorded_by=world.counsellor, kind="data_use")
    kwargs = {"pk": world.client.pk}
    if name == "people:consent_withdraw":
        kwargs["consent_pk"] = consent.pk
    if name == "people:client_delete" and persona == "supervisor":
        pytest.skip("the supervisor of the unit may remove a client")
    before = snapshot(world)
    client = login(None if persona == "anonymous" else world.persona(persona))
    response = client.post(reverse(name, kwargs=kwargs), data)
    assert response.status_code in (302, 403, 404)
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code in (403, 404)
    assert Client.objects.filter(pk=world.client.pk).exists()
    assert snapshot(world) == before
