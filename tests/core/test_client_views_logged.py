"""Every page that shows a client's name writes the audit row the client's access report
needs (Act 703/2023 §11): each page of the role matrix is opened by every persona allowed
to open it, and where a client's name is on the page, a view of that client by that persona
on that page must be in the log."""

import pytest
from django.urls import reverse

from socialwork.audit.models import AuditEvent
from tests.conftest import PERSONAS
from tests.core.test_role_matrix import MATRIX, OK


def pages():
    return sorted(name for name, (_kwargs, expected) in MATRIX.items() if OK in expected.values())


@pytest.mark.parametrize("name", pages())
def test_a_page_that_shows_a_clients_name_logs_the_view(name, world, login):
    make_kwargs, expectations = MATRIX[name]
    url = reverse(name, kwargs=make_kwargs(world) if make_kwargs else {})
    unlogged = []
    for persona in PERSONAS:
        if expectations[persona] != OK or persona == "anonymous":
            continue
        user = world.persona(persona)
        response = login(user).get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        text = response.content.decode()
        for client in (world.client, world.other_client):
            if client.full_name not in text:
                continue
            logged = AuditEvent.objects.filter(
                actor=user,
                action=AuditEvent.Action.VIEW,
                object_type="people.client",
                object_id=str(client.pk),
                path=url,
            ).exists()
            if not logged:
                unlogged.append(f"{persona} saw {client.full_name}")
    assert not unlogged, f"{url}: " + "; ".join(unlogged)
