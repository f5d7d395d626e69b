"""The audit log holds against its own database: the application's role cannot empty it or
switch off its protection, and a row changed or removed by the owner is found."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.people.services import client_viewed
from tests.utils import application_role

APP_ROLE = "socialwork_app_test"


def events(world, count=4):
    for _ in range(count):
        client_viewed(actor=world.counsellor, client=world.client)
    return list(AuditEvent.objects.order_by("id"))


def as_owner(sql, params=()):
    """What an owner (or anyone who took the owner's password) could do by hand."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER waits for no deferred check
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        cursor.execute(sql, params)
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")


def verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def test_the_chain_is_whole_and_links_each_row_to_the_one_before(world):
    rows = events(world)
    assert "chain unbroken" in verify()
    assert all(row.chain_hash for row in rows)
    assert [row.chain_previous for row in rows[1:]] == [row.pk for row in rows[:-1]]


def test_a_changed_row_is_found(world):
    rows = events(world)
    as_owner("UPDATE audit_auditevent SET object_label = 'joku muu' WHERE id = %s", [rows[1].pk])
    with pytest.raises(CommandError, match=str(rows[1].pk)):
        verify()


def test_a_removed_row_is_found(world):
    rows = events(world)
    as_owner("DELETE FROM audit_auditevent WHERE id = %s", [rows[1].pk])
    with pytest.raises(CommandError, match=str(rows[2].pk)):
        verify()


def test_removing_the_newest_rows_is_found(world):
    rows = events(world)
    as_owner("DELETE FROM audit_auditevent WHERE id = %s", [rows[-1].pk])
    with pytest.raises(CommandError, match="newest"):
        verify()


def test_the_application_role_can_add_but_not_empty_or_unprotect_the_log(world):
    with application_role(APP_ROLE):
        # The application writes its rows as before, chained by the owner's trigger.
        event = audit_record(actor=world.counsellor, action="view", obj=world.client)
        assert AuditEvent.objects.filter(pk=event.pk).exists()
        for statement in (
            "TRUNCATE audit_auditevent",
            "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only",
            "DELETE FROM audit_auditevent",
            "UPDATE audit_auditchainhead SET last_hash = ''",
            "DROP TRIGGER audit_event_chain ON audit_auditevent",
        ):
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
                c.execute(statement)
        # It still does everything else the product needs.
        world.client.first_name = "Uusi"
        world.client.save()
    assert "chain unbroken" in verify()
