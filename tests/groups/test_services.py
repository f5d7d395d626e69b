import datetime

import pytest
from django.core.exceptions import ValidationError

from groups import services
from groups.models import Attendance, Enrolment, GroupRun
from socialwork.audit.models import AuditEvent
from tests.factories import ClientFactory
from tests.factories.groups import make_run, programme


@pytest.fixture
def run(world):
    return make_run(unit=world.unit, facilitators=[world.counsellor, world.social_worker])


def test_run_from_template_takes_its_figures_and_generates_sessions(world):
    run = make_run(
        unit=world.unit, facilitators=[world.counsellor], starts_on=datetime.date(2026, 10, 1)
    )
    solmut = programme("Solmut auki")
    assert (run.session_count, run.session_minutes, run.max_size) == (8, 150, 8)
    sessions = list(run.sessions.all())
    assert len(sessions) == solmut.session_count
    local = [s.starts_at.astimezone(datetime.UTC) for s in sessions]
    assert all(s.ends_at > s.starts_at for s in sessions)
    # Weekly on Thursdays from 1 October, across the end of summer time (25 October).
    assert [s.date() for s in local][:2] == [datetime.date(2026, 10, 1), datetime.date(2026, 10, 8)]
    assert {s.hour for s in local} == {9, 10}  # 12:00 in Helsinki: 09 UTC in summer, 10 after
    assert run.ends_on == sessions[-1].starts_at.date()


def test_capacity_puts_the_next_client_on_the_waiting_list(world, run):
    run.min_size, run.max_size = 1, 2
    run.save()
    first, second, third = ClientFactory.create_batch(3, unit=world.unit)
    services.enrolment_add(actor=world.counsellor, run=run, client=first)
    services.enrolment_add(actor=world.counsellor, run=run, client=second)
    waiting = services.enrolment_add(actor=world.counsellor, run=run, client=third)
    assert waiting.status == Enrolment.Status.WAITING
    with pytest.raises(ValidationError, match=r"täynnä|full"):
        services.enrolment_update(
            actor=world.counsellor, enrolment=waiting, status=Enrolment.Status.INVITED
        )
    # When someone leaves, the place can be offered to the first on the waiting list.
    leaving = run.enrolments.get(client=first)
    services.enrolment_update(
        actor=world.counsellor,
        enrolment=leaving,
        status=Enrolment.Status.DROPPED_OUT,
        dropout_reason=Enrolment.DropoutReason.HEALTH,
    )
    leaving.refresh_from_db()
    assert leaving.left_on is not None and leaving.dropout_reason == "health"
    services.enrolment_update(
        actor=world.counsellor, enrolment=waiting, status=Enrolment.Status.INVITED
    )
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.INVITED


def test_a_client_is_enrolled_once_and_it_is_audited(world, run):
    services.enrolment_add(actor=world.counsellor, run=run, client=world.client)
    with pytest.raises(ValidationError):
        services.enrolment_add(actor=world.counsellor, run=run, client=world.client)
    assert run.enrolments.count() == 1
    assert AuditEvent.objects.filter(action="create", object_type="groups.enrolment").count() == 1


def test_status_changes_follow_the_lifecycle(world, run):
    with pytest.raises(ValidationError):
        services.run_set_status(actor=world.counsellor, run=run, status=GroupRun.Status.FINISHED)
    for status in (GroupRun.Status.RECRUITING, GroupRun.Status.RUNNING):
        services.run_set_status(actor=world.counsellor, run=run, status=status)
    enrolment = services.enrolment_add(actor=world.counsellor, run=run, client=world.client)
    session = run.sessions.first()
    services.attendance_mark(
        actor=world.counsellor,
        session=session,
        enrolment=enrolment,
        status=Attendance.Status.PRESENT,
    )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.STARTED
    services.run_set_status(actor=world.counsellor, run=run, status=GroupRun.Status.FINISHED)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED


def test_attendance_marks_once_and_changes(world, run):
    enrolment = services.enrolment_add(actor=world.counsellor, run=run, client=world.client)
    session = run.sessions.first()
    for status in ("present", "present", "excused"):
        services.attendance_mark(
            actor=world.counsellor, session=session, enrolment=enrolment, status=status
        )
    attendance = Attendance.objects.get()
    assert attendance.status == "excused"
    # Two real changes, two audit rows; the repeated tap changed nothing and wrote nothing.
    assert AuditEvent.objects.filter(changed_fields=["attendance"]).count() == 2


def test_cancelling_a_session_needs_a_reason(world, run):
    session = run.sessions.first()
    with pytest.raises(ValidationError):
        services.session_cancel(actor=world.counsellor, session=session, reason="  ")
    services.session_cancel(actor=world.counsellor, session=session, reason="Ohjaaja sairas")
    session.refresh_from_db()
    assert session.is_cancelled and session.cancel_reason == "Ohjaaja sairas"


def test_a_wish_becomes_a_session_theme(world, run):
    wish = services.wish_add(actor=world.counsellor, run=run, text="Edullinen kotiruoka")
    session = run.sessions.last()
    services.wish_use_as_theme(actor=world.counsellor, wish=wish, session=session)
    session.refresh_from_db()
    assert session.theme == "Edullinen kotiruoka"


def test_facilitators_see_their_participants_and_nobody_else_does(world, run):
    from socialwork.people.permissions import can_view_client
    from socialwork.people.selectors import client_list_for_user

    stranger = ClientFactory(unit=world.unit)
    services.enrolment_add(actor=world.counsellor, run=run, client=stranger)
    assert can_view_client(world.social_worker, stranger)  # co-facilitator
    assert not can_view_client(world.other_counsellor, stranger)
    # Two groups with the same client: the client is listed once.
    other = make_run(unit=world.unit, facilitators=[world.social_worker], name="Sisu")
    services.enrolment_add(actor=world.social_worker, run=other, client=stranger)
    assert list(client_list_for_user(world.social_worker)).count(stranger) == 1
