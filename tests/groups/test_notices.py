"""Session reminders the day before, and the notices when a session is cancelled, moved or
held after all: what a participant's phone (or mailbox, or letterbox) gets."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from groups import notices, services
from groups.models import Attendance, Enrolment
from socialwork.core.schedules import HELSINKI
from socialwork.messaging import services as messaging
from socialwork.messaging.backends import locmem
from socialwork.messaging.models import Message, MessageTemplate
from tests.factories import ClientFactory
from tests.factories.groups import make_run


@pytest.fixture(autouse=True)
def _outbox(settings):
    settings.SMS_BACKEND = "socialwork.messaging.backends.locmem.LocmemBackend"
    # Quiet hours that never apply, so that sending does not depend on the time of day.
    settings.SMS_QUIET_HOURS_START = settings.SMS_QUIET_HOURS_END = datetime.min.time()
    locmem.outbox.clear()
    yield
    locmem.outbox.clear()


def local(*args):
    return datetime(*args, tzinfo=HELSINKI)


# The sessions below are on fixed days (their texts name the weekday and date), so "now" is
# pinned a little before them: on the real clock those days pass, and a session in the past
# is neither reminded of nor told of changes.
pytestmark = pytest.mark.time_machine(local(2026, 11, 20, 12))


def group_with_session(world, starts_at, *clients):
    run = make_run(
        unit=world.unit,
        facilitators=[world.counsellor],
        starts_on=starts_at.date() - timedelta(days=14),
    )
    session = run.sessions.order_by("starts_at").first()
    session.starts_at, session.ends_at = starts_at, starts_at + timedelta(hours=2)
    session.place = "Asemakatu 12"
    session.save()
    run.sessions.exclude(pk=session.pk).delete()  # one session, so the scan finds only it
    enrolments = [
        services.enrolment_add(actor=world.counsellor, run=run, client=client) for client in clients
    ]
    return session, enrolments


def consenting(world, **kwargs):
    return ClientFactory(unit=world.unit, sms_consent_at=timezone.now(), **kwargs)


def sent_texts():
    return {to: text for to, text, _reference in locmem.outbox}


def send_all():
    while messaging.send_next_due() is not None:
        pass


# --- When -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("session_start", "reminder_utc"),
    [
        # Spring forward on Sunday 29 March 2026: 16:00 is 14:00 UTC the day before the
        # change and 13:00 UTC on the day itself.
        (local(2026, 3, 29, 10), datetime(2026, 3, 28, 14, tzinfo=UTC)),
        (local(2026, 3, 30, 10), datetime(2026, 3, 29, 13, tzinfo=UTC)),
        # Fall back on Sunday 25 October 2026.
        (local(2026, 10, 25, 10), datetime(2026, 10, 24, 13, tzinfo=UTC)),
        (local(2026, 10, 26, 10), datetime(2026, 10, 25, 14, tzinfo=UTC)),
    ],
)
def test_the_reminder_goes_the_day_before_at_four_across_daylight_saving(
    world, session_start, reminder_utc
):
    assert messaging.reminder_due(session_start) == reminder_utc
    client = consenting(world)
    group_with_session(world, session_start, client)
    assert messaging.reminders_queue(now=reminder_utc - timedelta(minutes=1)) == 0
    assert messaging.reminders_queue(now=reminder_utc) == 1
    assert messaging.reminders_queue(now=reminder_utc + timedelta(minutes=2)) == 0


def test_the_reminder_time_is_a_setting(world, settings):
    settings.REMINDER_TIME = datetime.strptime("18:30", "%H:%M").time()
    assert messaging.reminder_due(local(2026, 12, 1, 10)) == local(2026, 11, 30, 18, 30)


# --- Who and what ---------------------------------------------------------------------------


def test_each_expected_participant_gets_one_reminder_in_their_language(world):
    start = local(2026, 12, 2, 10)
    finnish = consenting(world, phone="+358401110001")
    swedish = consenting(world, phone="+358401110002", preferred_language="sv")
    no_consent = ClientFactory(unit=world.unit, phone="+358401110003")
    by_email = ClientFactory(unit=world.unit, email="liisa@example.fi", reminder_channel="email")
    dropped = consenting(world, phone="+358401110005")
    excused = consenting(world, phone="+358401110006")
    session, enrolments = group_with_session(
        world, start, finnish, swedish, no_consent, by_email, dropped, excused
    )
    services.enrolment_update(
        actor=world.counsellor,
        enrolment=enrolments[4],
        status=Enrolment.Status.DROPPED_OUT,
        dropout_reason=Enrolment.DropoutReason.HEALTH,
    )
    services.attendance_mark(
        actor=world.counsellor,
        session=session,
        enrolment=enrolments[5],
        status=Attendance.Status.EXCUSED,
    )

    due = messaging.reminder_due(start)
    assert messaging.reminders_queue(now=due) == 4
    assert messaging.reminders_queue(now=due) == 0  # the beat job firing twice
    send_all()

    texts = sent_texts()
    assert set(texts) == {"+358401110001", "+358401110002"}
    assert texts["+358401110001"] == (
        f"Muistutus: {session.run.name} keskiviikko 2.12.2026 klo 10.00, Asemakatu 12. Tervetuloa!"
    )
    assert texts["+358401110002"].startswith(f"Påminnelse: {session.run.name} onsdag")
    assert "kl. 10.00" in texts["+358401110002"]
    assert [m.to for m in mail.outbox] == [["liisa@example.fi"]]
    assert "Asemakatu 12" in mail.outbox[0].body
    not_sent = Message.objects.get(client=no_consent)
    assert (not_sent.status, not_sent.reason) == ("cancelled", Message.Reason.NO_CONSENT)
    assert not Message.objects.filter(client__in=[dropped, excused]).exists()


def test_letters_are_due_days_earlier_and_wait_for_printing(world, settings):
    settings.REMINDER_LETTER_DAYS = 5
    start = local(2026, 12, 10, 13)
    reader = ClientFactory(
        unit=world.unit,
        reminder_channel="letter",
        street_address="Kuusitie 4 B 12",
        postal_code="33100",
        post_office="Tampere",
    )
    homeless = ClientFactory(unit=world.unit, reminder_channel="letter")
    group_with_session(world, start, reader, homeless)
    assert messaging.reminders_queue(now=local(2026, 12, 5, 15, 59)) == 0
    assert messaging.reminders_queue(now=local(2026, 12, 5, 16)) == 2
    send_all()  # letters are not sent by the scan: they wait for a print batch
    letter = Message.objects.get(client=reader)
    assert (letter.channel, letter.status) == ("letter", "queued")
    assert "Kuusitie 4 B 12" in letter.recipient
    assert Message.objects.get(client=homeless).reason == Message.Reason.NO_ADDRESS


def test_administrators_words_are_used(world):
    MessageTemplate.objects.filter(purpose=notices.REMINDER, language="fi").update(
        text="Huomenna {time} {group}. Peru numeroon {contact}."
    )
    world.unit.phone = "+358401234567"
    world.unit.save()
    start = local(2026, 12, 2, 9, 30)
    client = consenting(world, phone="+358401110001")
    session, _ = group_with_session(world, start, client)
    messaging.reminders_queue(now=messaging.reminder_due(start))
    send_all()
    assert sent_texts()["+358401110001"] == (
        f"Huomenna 9.30 {session.run.name}. Peru numeroon +358 40 1234567."
    )


# --- Changes after the reminder ----------------------------------------------------------


def test_cancelling_tells_those_reminded_and_withdraws_the_rest(world):
    start = local(2026, 12, 2, 10)
    reminded = consenting(world, phone="+358401110001")
    waiting = consenting(world, phone="+358401110002")
    session, _ = group_with_session(world, start, reminded, waiting)
    now = messaging.reminder_due(start)
    messaging.reminders_queue(now=now)
    Message.objects.filter(client=waiting).update(not_before=now + timedelta(hours=3))
    send_all()  # only the first is due
    assert set(sent_texts()) == {"+358401110001"}

    services.session_cancel(actor=world.counsellor, session=session, reason="Ohjaaja sairastui.")
    services.session_cancel(actor=world.counsellor, session=session, reason="Toinen painallus")
    withdrawn = Message.objects.get(client=waiting)
    assert (withdrawn.status, withdrawn.reason) == ("cancelled", Message.Reason.OBSOLETE)
    send_all()
    cancellation = locmem.outbox[-1]
    assert cancellation[0] == "+358401110001"
    assert cancellation[1] == (
        f"{session.run.name}: tapaaminen keskiviikko 2.12.2026 klo 10.00 on peruttu. "
        "Ohjaaja sairastui."
    )
    assert len(locmem.outbox) == 2  # one reminder, one cancellation, nothing to the other
    # A cancelled session is not reminded of again.
    assert messaging.reminders_queue(now=now + timedelta(minutes=5)) == 0

    services.session_restore(actor=world.counsellor, session=session)
    send_all()
    assert locmem.outbox[-1][0] == "+358401110001"
    assert "pidetäänkin" in locmem.outbox[-1][1]
    assert len(locmem.outbox) == 3


def test_moving_tells_the_new_time_once(world):
    start = local(2026, 12, 2, 10)
    reminded = consenting(world, phone="+358401110001")
    session, _ = group_with_session(world, start, reminded)
    now = messaging.reminder_due(start)
    messaging.reminders_queue(now=now)
    send_all()

    new_start = local(2026, 12, 2, 14)
    session = services.session_update(
        actor=world.counsellor,
        session=session,
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=2),
    )
    assert session.notified == 1
    send_all()
    assert locmem.outbox[-1][1] == (
        f"{session.run.name}: tapaaminen on muuttunut. Uusi aika: keskiviikko 2.12.2026 "
        "klo 14.00, Asemakatu 12."
    )
    # The notice is the reminder for the new time: the scan adds nothing.
    assert messaging.reminders_queue(now=timezone.now()) == 0
    # Saving the form again without a change sends nothing.
    services.session_update(actor=world.counsellor, session=session, theme="Kevään suunnitelmat")
    send_all()
    assert len(locmem.outbox) == 2


# --- The session page -----------------------------------------------------------------------


def test_the_session_page_shows_who_was_reminded_and_what_to_fix(world, login):
    start = timezone.now() + timedelta(days=3)
    ok = consenting(world, first_name="Aino", last_name="Virtanen", phone="+358401110001")
    refused = consenting(world, first_name="Bertta", last_name="Koski", phone="+358401110002")
    unconsented = ClientFactory(
        unit=world.unit, first_name="Cecilia", last_name="Lehto", phone="+358401110003"
    )
    session, _ = group_with_session(world, start, ok, refused, unconsented)
    client = login(world.counsellor)
    client.cookies["django_language"] = "en"
    url = reverse("groups:session_detail", args=[session.pk])

    before = client.get(url).content.decode()
    assert "Will not be reminded" in before and "No consent to text messages" in before
    assert reverse("people:consent_create", args=[unconsented.pk]) in before

    messaging.reminders_queue(now=messaging.reminder_due(start))
    send_all()
    Message.objects.filter(client=ok).update(status="delivered")
    Message.objects.filter(client=refused).update(
        status="failed", reason=Message.Reason.UNDELIVERED
    )
    page = client.get(url).content.decode()
    assert "Delivered" in page
    assert "Not delivered" in page and "The phone did not receive it" in page
    assert reverse("people:client_update", args=[refused.pk]) in page

    # A supervisor sees the group's figures, not who was reminded.
    supervisor = login(world.supervisor)
    supervisor.cookies["django_language"] = "en"
    assert "Reminders and messages" not in supervisor.get(url).content.decode()


def test_the_reminder_panel_query_count_is_flat(world, login, django_assert_max_num_queries):
    start = timezone.now() + timedelta(days=3)
    session, _ = group_with_session(world, start, *[consenting(world) for _ in range(2)])
    client = login(world.counsellor)
    url = reverse("groups:session_detail", args=[session.pk])
    with django_assert_max_num_queries(100) as few:
        assert client.get(url).status_code == 200
    for _ in range(5):
        services.enrolment_add(actor=world.counsellor, run=session.run, client=consenting(world))
    messaging.reminders_queue(now=messaging.reminder_due(start))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_cancelling_on_the_page_says_how_many_are_told(world, login):
    start = timezone.now() + timedelta(days=2)
    session, _ = group_with_session(world, start, consenting(world), consenting(world))
    messaging.reminders_queue(now=messaging.reminder_due(start))
    send_all()
    client = login(world.counsellor)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("groups:session_cancel", args=[session.pk]),
        {"reason": "Tila on varattu."},
        follow=True,
    )
    assert "2 participants who had been told the time get a message about it." in (
        response.content.decode()
    )
    assert Message.objects.filter(purpose=notices.CANCELLED, status="queued").count() == 2


def test_changes_after_the_reminder_went_are_told_and_not_swallowed(world):
    """In the evening before: reminded, cancelled, held after all, then a new room. Each
    change reaches the participant once, and the scan adds no second reminder."""
    start = timezone.now() + timedelta(hours=3)  # its reminder is already due
    client = consenting(world, phone="+358401110001")
    session, _ = group_with_session(world, start, client)
    assert messaging.reminders_queue() == 1
    send_all()
    services.session_cancel(actor=world.counsellor, session=session, reason="Sairastuminen.")
    send_all()
    session = services.session_restore(actor=world.counsellor, session=session)
    assert session.notified == 1
    send_all()
    session = services.session_update(actor=world.counsellor, session=session, place="Sali 2")
    assert session.notified == 1
    send_all()
    assert messaging.reminders_queue() == 0
    send_all()
    texts = [text for _to, text, _ref in locmem.outbox]
    assert len(texts) == 4
    assert "Muistutus" in texts[0] and "peruttu" in texts[1] and "pidetäänkin" in texts[2]
    assert "Sali 2" in texts[3]


def test_a_withdrawn_letter_comes_back_when_the_session_is_held_after_all(world, settings):
    settings.REMINDER_LETTER_DAYS = 5
    start = local(2026, 12, 10, 13)
    reader = ClientFactory(
        unit=world.unit,
        reminder_channel="letter",
        street_address="Kuusitie 4",
        postal_code="33100",
        post_office="Tampere",
    )
    session, _ = group_with_session(world, start, reader)
    now = local(2026, 12, 5, 16)
    assert messaging.reminders_queue(now=now) == 1
    services.session_cancel(actor=world.counsellor, session=session, reason="Tila varattu.")
    assert Message.objects.get(client=reader).status == Message.Status.CANCELLED
    services.session_restore(actor=world.counsellor, session=session)
    assert messaging.reminders_queue(now=now + timedelta(minutes=2)) == 1
    assert Message.objects.filter(client=reader, status=Message.Status.QUEUED).count() == 1


def test_leaving_the_group_or_a_cancelled_group_stops_what_is_waiting(world):
    start = local(2026, 12, 2, 10)
    leaving, staying = consenting(world), consenting(world)
    session, enrolments = group_with_session(world, start, leaving, staying)
    due = messaging.reminder_due(start)
    messaging.reminders_queue(now=due)
    services.enrolment_update(
        actor=world.counsellor,
        enrolment=enrolments[0],
        status=Enrolment.Status.DROPPED_OUT,
        dropout_reason=Enrolment.DropoutReason.WORK_OR_STUDY,
    )
    assert Message.objects.get(client=leaving).reason == Message.Reason.OBSOLETE
    assert Message.objects.get(client=staying).status == Message.Status.QUEUED
    send_all()  # the reminder reaches the one staying

    run = services.run_set_status(actor=world.counsellor, run=session.run, status="recruiting")
    run = services.run_set_status(actor=world.counsellor, run=run, status="cancelled")
    assert run.notified == 1
    send_all()
    assert "peruttu" in locmem.outbox[-1][1] and len(locmem.outbox) == 2
