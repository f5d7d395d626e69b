"""Every page that shows participants' names writes an audit row naming each client shown,
in one INSERT, so that a client's own access report can be complete."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups import services
from socialwork.audit.models import AuditEvent
from tests.factories import ClientFactory
from tests.factories.groups import make_run


@pytest.fixture
def group(world):
    run = make_run(unit=world.unit, facilitators=[world.counsellor])
    clients = [world.client, *(ClientFactory(unit=world.unit) for _ in range(2))]
    for client in clients:
        services.enrolment_add(actor=world.counsellor, run=run, client=client)
    session = run.sessions.filter(starts_at__lt=timezone.now()).order_by("starts_at").first()
    return run, session, clients


def viewed(path) -> set[str]:
    return set(
        AuditEvent.objects.filter(
            action="view", object_type="people.client", path=path
        ).values_list("object_id", flat=True)
    )


@pytest.mark.parametrize(
    "name",
    [
        "groups:run_detail",
        "groups:register",
        "groups:run_evaluations",
        "groups:final_evaluation",
        "groups:session_detail",
        "groups:attendance",
        "groups:session_evaluations",
    ],
)
def test_a_page_with_participants_logs_each_of_them_in_one_insert(world, login, group, name):
    run, session, clients = group
    pk = session.pk if name.startswith("groups:session") or name == "groups:attendance" else run.pk
    url = reverse(name, args=[pk])
    browser = login(world.counsellor)
    browser.get(url)  # the first request of a login writes the session
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url).status_code == 200
    assert viewed(url) == {str(c.pk) for c in clients}
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "audit_auditevent"')]
    assert len(inserts) == 1


def test_the_client_picker_logs_every_client_it_lists(world, login, group):
    run, _session, _clients = group
    outsider = ClientFactory(unit=world.unit, named_worker=world.counsellor)
    url = reverse("groups:enrolment_create", args=[run.pk])
    assert login(world.counsellor).get(url).status_code == 200
    assert str(outsider.pk) in viewed(url)


def test_the_client_list_logs_the_clients_on_its_page(world, login):
    url = reverse("people:client_list")
    assert login(world.counsellor).get(url).status_code == 200
    assert viewed(url) == {str(world.client.pk)}


def test_a_supervisor_sees_no_names_and_nothing_is_logged_for_them(world, login, group):
    run, _session, _clients = group
    url = reverse("groups:run_detail", args=[run.pk])
    assert login(world.supervisor).get(url).status_code == 200
    assert viewed(url) == set()


def test_a_new_facilitator_is_in_the_log(world, group):
    run, _session, _clients = group
    services.run_update(
        actor=world.counsellor, run=run, facilitators=[world.counsellor, world.social_worker]
    )
    event = AuditEvent.objects.get(action="change", object_type="groups.grouprun")
    assert event.changed_fields == ["facilitators"] and event.actor == world.counsellor
    services.run_update(
        actor=world.counsellor,
        run=run,
        facilitators=[world.counsellor, world.social_worker],
        place="Sali 2",
    )
    assert AuditEvent.objects.filter(action="change", object_type="groups.grouprun").count() == 1
