"""Retention per record class, on a moved clock: the table names every class, the nightly
job removes or anonymises what is due in batches, a dry run changes nothing, a second run
finds nothing, and the figures the dashboards count survive."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from feedback.models import ContactSlip
from groups import services as group_services
from groups.models import Attendance, Enrolment
from socialwork.audit.models import AuditEvent
from socialwork.core.retention import record_classes, retention_run
from socialwork.core.schedules import HELSINKI
from socialwork.core.tasks import retention_enforce
from socialwork.messaging.models import Message
from socialwork.people.models import Client
from tests.factories import ClientFactory
from tests.factories.feedback import ContactSlipFactory
from tests.factories.groups import make_run
from tests.factories.messaging import MessageFactory

START = datetime(2027, 3, 1, 10, tzinfo=HELSINKI)


@pytest.mark.django_db
def test_the_table_names_every_class_of_record():
    codes = {record_class.code for record_class in record_classes()}
    assert codes >= {
        "client",
        "enrolment_attendance",
        "goal_evaluation",
        "council_interview",
        "council_minutes",
        "expert_file",
        "message",
        "letter_print_file",
        "audit_log",
        "contact_slip",
        "anonymous_answer",
        "sora_report",
    }
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out)
    for record_class in record_classes():
        assert record_class.code in out.getvalue()


@pytest.mark.django_db
def test_a_client_untouched_for_five_years_goes_and_the_groups_figures_stay(world):
    with time_machine.travel(START, tick=False):
        run = make_run(unit=world.unit, facilitators=[world.counsellor], starts_on=START.date())
        quiet = ClientFactory(unit=world.unit, first_name="Hiljainen")
        busy = ClientFactory(unit=world.unit, first_name="Aktiivinen")
        for client in (quiet, busy):
            enrolment = group_services.enrolment_add(actor=world.counsellor, run=run, client=client)
            Attendance.objects.create(
                session=run.sessions.first(),
                enrolment=enrolment,
                status=Attendance.Status.PRESENT,
            )
    attendance_before = Attendance.objects.count()
    with time_machine.travel(START + timedelta(days=3 * 365), tick=False):
        # Three years later the busy client's details change: the five years start again.
        busy.phone = "040 765 4321"
        busy.save()
        AuditEvent.objects.create(
            action=AuditEvent.Action.CHANGE,
            object_type="people.client",
            object_id=str(busy.pk),
            changed_fields=["phone"],
        )

    def due() -> set[int]:
        from django.utils import timezone

        from socialwork.people.retention import _due

        return set(_due(timezone.now()).values_list("pk", flat=True))

    with time_machine.travel(START + timedelta(days=5 * 365 - 10), tick=False):
        assert quiet.pk not in due()  # not yet five years
    with time_machine.travel(START + timedelta(days=5 * 365 + 10), tick=False):
        assert quiet.pk in due() and busy.pk not in due()
        counted = retention_run(dry_run=True)
        assert Client.objects.filter(pk=quiet.pk).exists()  # a dry run changes nothing
        assert retention_enforce()["client"] == counted["client"]
        assert not Client.objects.filter(pk=quiet.pk).exists()
        assert Client.objects.filter(pk=busy.pk).exists()
        # The group's figures keep the removed client's attendance, without the name.
        assert Attendance.objects.count() == attendance_before
        assert Enrolment.objects.filter(run=run).count() == 2
        assert AuditEvent.objects.filter(
            action=AuditEvent.Action.DELETE, object_id=str(quiet.pk), actor_label="(retention)"
        ).exists()
        # Idempotent: the next night finds nothing more.
        assert retention_run()["client"] == 0


@pytest.mark.django_db
def test_a_message_loses_its_recipient_and_words_after_a_year_and_keeps_its_outcome(world):
    with time_machine.travel(START, tick=False):
        old = MessageFactory(client=world.client, status=Message.Status.SENT)
        Message.objects.filter(pk=old.pk).update(sent_at=START, finished_at=START)
        waiting = MessageFactory(client=world.client)  # still queued: never touched
    with time_machine.travel(START + timedelta(days=366), tick=False):
        assert retention_run(dry_run=True)["message"] == 1
        assert retention_run()["message"] == 1
        assert retention_run()["message"] == 0
    old.refresh_from_db()
    waiting.refresh_from_db()
    assert (old.recipient, old.text, old.status) == ("", "", Message.Status.SENT)
    assert waiting.recipient and waiting.text


@pytest.mark.django_db
def test_a_contact_slip_goes_half_a_year_after_it_was_handled(world):
    with time_machine.travel(START, tick=False):
        handled = ContactSlipFactory(unit=world.unit, handled_at=START)
        fresh = ContactSlipFactory(unit=world.unit)
    with time_machine.travel(START + timedelta(days=150), tick=False):
        fresh.handled_at = START + timedelta(days=150)
        fresh.save()
    with time_machine.travel(START + timedelta(days=185), tick=False):
        out = StringIO()
        call_command("retention", "--dry-run", stdout=out)
        assert "contact_slip" in out.getvalue() and ContactSlip.objects.count() == 2
        call_command("retention", stdout=StringIO())
    assert list(ContactSlip.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not ContactSlip.objects.filter(pk=handled.pk).exists()
