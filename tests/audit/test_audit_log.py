import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from socialwork.audit.models import AuditEvent, AuditLogIsAppendOnly
from socialwork.audit.services import audit_record
from socialwork.people.services import client_viewed
from tests.utils import verified_login


def test_audit_events_cannot_be_changed_or_deleted_through_the_application(world):
    event = audit_record(actor=world.counsellor, action=AuditEvent.Action.VIEW, obj=world.client)
    event.object_label = "forged"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(object_label="forged")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).object_label == str(world.client)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET object_label = 'forged'",
        "DELETE FROM audit_auditevent",
    ],
)
def test_the_database_refuses_to_rewrite_history(world, sql):
    audit_record(actor=world.counsellor, action=AuditEvent.Action.VIEW, obj=world.client)
    with (
        pytest.raises(DatabaseError) as excinfo,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert "append-only" in str(excinfo.value)
    assert AuditEvent.objects.filter(object_label=str(world.client)).count() == 1


def test_supervisor_sees_only_their_units_events(world, login):
    client_viewed(actor=world.counsellor, client=world.client)
    client_viewed(actor=world.other_counsellor, client=world.other_client)
    response = login(world.supervisor).get(reverse("audit:event_list"), {"action": "view"})
    labels = [e.object_label for e in response.context["events"]]
    assert labels == [str(world.client)]


def test_administrator_sees_every_event_but_no_clients_name(world, login):
    client_viewed(actor=world.counsellor, client=world.client)
    client_viewed(actor=world.other_counsellor, client=world.other_client)
    audit_record(
        actor=world.administrator, action=AuditEvent.Action.CHANGE, obj=world.unit, unit=None
    )
    client = login(world.administrator)
    response = client.get(reverse("audit:event_list"))
    page = response.content.decode()
    assert sum(e.action == "view" for e in response.context["events"]) == 2
    # The administrator reads no client data: who was viewed stays out of their page.
    for name in (str(world.client), str(world.other_client)):
        assert name not in page
    assert str(world.unit) in page  # a unit is no client
    filtered = client.get(
        reverse("audit:event_list"), {"actor": "other_counsellor", "action": "view"}
    )
    assert len(filtered.context["events"]) == 1
    # Searching by a client's name finds nothing, or it would tell whose records were read.
    by_name = client.get(reverse("audit:event_list"), {"target": world.client.last_name})
    assert len(by_name.context["events"]) == 0
    # The unit's supervisor sees the name of their own unit's client.
    supervisor = login(world.supervisor).get(reverse("audit:event_list")).content.decode()
    assert str(world.client) in supervisor and str(world.other_client) not in supervisor


def test_the_admins_audit_pages_show_no_clients_name(world, login):
    client_viewed(actor=world.counsellor, client=world.client)
    client = login(world.administrator)
    listing = client.get("/admin/audit/auditevent/").content.decode()
    event = AuditEvent.objects.get(action="view")
    change = client.get(f"/admin/audit/auditevent/{event.pk}/change/").content.decode()
    for page in (listing, change):
        assert world.client.last_name not in page
    searched = client.get("/admin/audit/auditevent/", {"q": world.client.last_name})
    assert searched.context["cl"].result_count == 0


def test_bad_filter_input_gets_a_message_not_an_error(world, login):
    response = login(world.administrator).get(
        reverse("audit:event_list"), {"date_from": "31.31.2026", "action": "nonsense"}
    )
    assert response.status_code == 200
    assert list(response.context["events"]) == []
    errors = response.context["filter"].errors
    assert "date_from" in errors and "action" in errors


def test_logins_and_failed_logins_are_logged_without_passwords(world, client):
    client.post(reverse("login"), {"username": "counsellor", "password": "wrong password"})
    failed = AuditEvent.objects.get(action="login_failed")
    assert failed.actor is None and failed.actor_label == "counsellor"
    assert "wrong" not in str(failed.__dict__)
    client.post(
        reverse("login"), {"username": "counsellor", "password": "correct-horse-battery-staple"}
    )
    assert AuditEvent.objects.filter(action="login", actor=world.counsellor).exists()


def test_a_failed_login_keeps_the_typed_name_only_when_it_is_an_account(world, client):
    from axes.models import AccessAttempt

    password = "Salainen-Kesä-2027!"
    # The password went into the username field: it is written down nowhere.
    client.post(reverse("login"), {"username": password, "password": "x"})
    event = AuditEvent.objects.get(action="login_failed")
    assert event.actor_label == "(unknown)" and event.object_id == ""
    assert password not in str(event.__dict__)
    assert not AccessAttempt.objects.filter(username=password).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM axes_accessattempt WHERE username = %s", [password])
        assert cursor.fetchone()[0] == 0


def test_the_owner_hears_of_failed_logins_from_many_addresses(world, client):
    """Five wrong passwords from each of six addresses pass the per-address lockout; the
    owner is told at the next login, from how many addresses."""
    for n in range(6):
        for _ in range(5):
            client.post(
                reverse("login"),
                {"username": "counsellor", "password": "arvaus"},
                REMOTE_ADDR=f"198.51.100.{n + 1}",
            )
    assert (
        AuditEvent.objects.filter(
            action="login_failed", object_type="people.user", object_id=str(world.counsellor.pk)
        ).count()
        == 30
    )
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("login"),
        {"username": "counsellor", "password": "correct-horse-battery-staple"},
        REMOTE_ADDR="198.51.100.7",
        follow=True,
    )
    page = response.content.decode()
    assert "there were 30 failed attempts to log in to your account (from 6 addresses)" in page
    # Told once: the next login has nothing to tell.
    client.logout()
    again = client.post(
        reverse("login"),
        {"username": "counsellor", "password": "correct-horse-battery-staple"},
        follow=True,
    )
    assert "failed attempt" not in again.content.decode()


def test_behind_a_proxy_the_client_address_is_recorded_and_used_for_lockout(
    world, client, settings
):
    settings.SOCIALWORK_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    verified_login(client, world.supervisor)
    client.get(
        reverse("people:client_detail", args=[world.client.pk]),
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
        **proxy,
    )
    # The entry the proxy added is trusted; what the client claimed before it is not.
    assert AuditEvent.objects.get(action="view").ip_address == "198.51.100.7"
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("login"),
            {"username": "counsellor", "password": "nope"},
            HTTP_X_FORWARDED_FOR="198.51.100.7",
            **proxy,
        )
    locked = client.post(
        reverse("login"),
        {"username": "counsellor", "password": "correct-horse-battery-staple"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    assert locked.status_code == 429
    # The same user from another address behind the same proxy is not locked out.
    other = client.post(
        reverse("login"),
        {"username": "counsellor", "password": "correct-horse-battery-staple"},
        HTTP_X_FORWARDED_FOR="198.51.100.8",
        **proxy,
    )
    assert other.status_code == 302
