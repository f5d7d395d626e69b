"""The outbox and the GatewayAPI backend, against a local HTTP server playing the gateway."""

import threading
import time as clock
from datetime import datetime, time, timedelta

import pytest
from django.db import close_old_connections
from django.urls import reverse
from django.utils import timezone

from socialwork.core.schedules import HELSINKI
from socialwork.messaging import services
from socialwork.messaging.models import Message
from socialwork.messaging.sms import next_allowed_time, normalise_mobile, segments
from tests.factories import ClientFactory
from tests.messaging.gateway import FakeGateway, post_status

GATEWAY = "socialwork.messaging.backends.gatewayapi.GatewayApiBackend"


@pytest.fixture
def gateway(settings):
    fake = FakeGateway().start()
    settings.SMS_BACKEND = GATEWAY
    settings.SMS_GATEWAY_URL = fake.url
    settings.SMS_GATEWAY_TOKEN = fake.token
    settings.SMS_TIMEOUT_SECONDS = 0.5
    # Quiet hours that never apply to the test run, whatever the time of day.
    settings.SMS_QUIET_HOURS_START = settings.SMS_QUIET_HOURS_END = time(0, 0)
    yield fake
    fake.stop()


def consenting_client(phone="041 3950 001", **kwargs):
    return ClientFactory(phone=phone, sms_consent_at=timezone.now(), **kwargs)


def queue(client, key="reminder-1", text="Muistutus: ryhmä huomenna klo 10."):
    return services.sms_queue(client=client, text=text, purpose="test", key=key)


# --- Text, numbers, quiet hours -----------------------------------------------------------


def test_segments_follow_gsm7_and_ucs2():
    assert segments("ä" * 160) == segments("a" * 160)  # å ä ö fit GSM-7
    assert segments("ä" * 160).segments == 1
    assert segments("ä" * 161).segments == 2  # 153 per part once split
    assert segments("€" * 80).characters == 160  # an extension character counts twice
    assert segments("Šiauliai").encoding == "UCS-2"
    assert segments("š" * 71).segments == 2


def test_numbers_are_normalised_and_landlines_refused():
    assert normalise_mobile("041 3950 001") == "+358413950001"
    assert normalise_mobile("+358 41 3950001") == "+358413950001"
    assert normalise_mobile("09 310 1691") is None  # a Helsinki landline
    assert normalise_mobile("soita minulle") is None


def test_quiet_hours_hold_a_message_until_the_morning_across_daylight_saving():
    start, end = time(21), time(8)
    evening = datetime(2026, 10, 24, 22, 30, tzinfo=HELSINKI)  # summer time, +03:00
    morning = next_allowed_time(evening, start, end)
    assert morning == datetime(2026, 10, 25, 8, 0, tzinfo=HELSINKI)
    assert morning.utcoffset() == timedelta(hours=2)  # winter time by then
    early = datetime(2026, 11, 23, 7, 59, tzinfo=HELSINKI)
    assert next_allowed_time(early, start, end) == datetime(2026, 11, 23, 8, 0, tzinfo=HELSINKI)
    noon = datetime(2026, 11, 23, 12, 0, tzinfo=HELSINKI)
    assert next_allowed_time(noon, start, end) == noon


# --- Queueing -----------------------------------------------------------------------------


def test_queueing_twice_with_one_key_gives_one_message(db, gateway):
    client = consenting_client()
    first = queue(client)
    again = queue(client, text="Toinen teksti")
    assert first.pk == again.pk and Message.objects.count() == 1
    assert again.text == "Muistutus: ryhmä huomenna klo 10."


@pytest.mark.parametrize(
    ("phone", "consent", "reason"),
    [
        ("041 3950 001", False, Message.Reason.NO_CONSENT),
        ("", True, Message.Reason.NO_NUMBER),
    ],
)
def test_no_consent_or_no_number_means_no_sms_and_a_reason(db, gateway, phone, consent, reason):
    client = ClientFactory(phone=phone, sms_consent_at=timezone.now() if consent else None)
    message = queue(client)
    assert (message.status, message.reason) == (Message.Status.CANCELLED, reason)
    assert services.send_due()[0] == 0
    assert gateway.requests_seen == 0


def test_queued_in_quiet_hours_waits_for_the_morning(db, gateway, settings):
    now = timezone.now().astimezone(HELSINKI)
    settings.SMS_QUIET_HOURS_START = (now - timedelta(hours=1)).time()
    settings.SMS_QUIET_HOURS_END = (now + timedelta(hours=1)).time()
    message = queue(consenting_client())
    assert message.not_before > timezone.now() + timedelta(minutes=50)
    assert services.send_due()[0] == 0
    assert gateway.requests_seen == 0


# --- Sending through the gateway over HTTP ------------------------------------------------


def test_a_message_goes_to_the_gateway_in_its_json(db, gateway, settings):
    settings.SMS_SENDER = "Koivula"
    message = queue(consenting_client())
    assert services.send_due()[0] == 1
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.attempts == 1
    [sent] = gateway.accepted
    assert sent == {
        "sender": "Koivula",
        "message": "Muistutus: ryhmä huomenna klo 10.",
        "recipient": 358413950001,
        "reference": "reminder-1",
        "msg_id": message.provider_id,
    }


def test_a_refused_number_fails_at_once_with_a_reason(db, gateway):
    gateway.refuse.add(358413950001)
    message = queue(consenting_client())
    services.send_due()
    message.refresh_from_db()
    assert (message.status, message.reason) == (Message.Status.FAILED, Message.Reason.REJECTED)
    assert "Invalid recipient" in message.error
    assert services.send_due()[0] == 0 and gateway.requests_seen == 1


def test_a_gateway_error_is_retried_later_and_then_sent_once(db, gateway):
    gateway.fail_next = 1
    message = queue(consenting_client())
    services.send_due()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.QUEUED, 1)
    assert "503" in message.error
    assert message.not_before > timezone.now() + timedelta(seconds=50)  # backed off
    assert services.send_due()[0] == 0  # not due yet
    Message.objects.filter(pk=message.pk).update(not_before=timezone.now())
    services.send_due()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.SENT, 2)
    assert len(gateway.accepted) == 1


def test_the_backoff_doubles_and_sending_gives_up(db, gateway, settings):
    settings.SMS_MAX_ATTEMPTS = 3
    gateway.fail_next = 10
    message = queue(consenting_client())
    waits = []
    for _attempt in range(3):
        Message.objects.filter(pk=message.pk).update(not_before=timezone.now())
        before = timezone.now()
        services.send_due()
        message.refresh_from_db()
        waits.append(round((message.not_before - before).total_seconds() / 60))
    assert waits[:2] == [1, 2]
    assert (message.status, message.reason) == (Message.Status.FAILED, Message.Reason.GAVE_UP)
    assert gateway.requests_seen == 3


def test_a_gateway_that_does_not_answer_in_time_is_tried_after_the_claim_timeout(
    db, gateway, settings
):
    """No answer may mean the gateway has the text: it is not sent again at once, but only
    when the claim goes stale without a delivery report."""
    settings.MESSAGING_CLAIM_TIMEOUT_SECONDS = 60
    gateway.delay_seconds, gateway.fail_next = 1.0, 1  # the client waits 0.5 s
    message = queue(consenting_client())
    services.send_due()
    message.refresh_from_db()
    assert message.status == Message.Status.SENDING and "in time" in message.error
    assert services.send_due()[0] == 0  # the claim is fresh: wait for a report
    Message.objects.filter(pk=message.pk).update(claimed_at=timezone.now() - timedelta(minutes=2))
    gateway.delay_seconds = 0
    services.send_due()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.SENT, 2)
    assert len(gateway.accepted) == 1


def test_withdrawn_consent_stops_a_queued_message(db, gateway):
    client = consenting_client()
    message = queue(client)
    client.sms_consent_at = None
    client.save()
    services.send_due()
    message.refresh_from_db()
    assert (message.status, message.reason) == (
        Message.Status.CANCELLED,
        Message.Reason.CONSENT_WITHDRAWN,
    )
    assert gateway.requests_seen == 0


@pytest.mark.django_db(transaction=True)
def test_two_workers_and_a_double_beat_send_each_message_once(gateway):
    # Rows written straight into the outbox, so that no nudge after commit sends them
    # before the workers start.
    Message.objects.bulk_create(
        Message(
            channel=Message.Channel.SMS,
            client=consenting_client(phone=f"041 3950 {number:03d}"),
            recipient=f"+35841395{number:04d}",
            text="Muistutus",
            purpose="test",
            idempotency_key=f"reminder-{number}",
        )
        for number in range(40)
    )
    assert gateway.requests_seen == 0

    def worker():
        try:
            services.send_due()
        finally:
            close_old_connections()

    # Two workers and the beat job's second firing, all at once.
    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    references = [body["reference"] for body in gateway.accepted]
    assert len(references) == 40 == len(set(references))
    assert Message.objects.filter(status=Message.Status.SENT).count() == 40


# --- Delivery reports ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_delivery_reports_are_signed_and_recorded_once(gateway, live_server, settings):
    settings.SMS_WEBHOOK_SECRET = "jaettu-salaisuus"
    url = live_server.url + reverse("messaging:receipt_gatewayapi")
    delivered, lost = (
        queue(consenting_client(phone=f"041 3950 00{n}"), key=f"k{n}") for n in (1, 2)
    )
    services.send_due()
    delivered.refresh_from_db()
    lost.refresh_from_db()

    forged = post_status(url, "arvattu", delivered.provider_id, "DELIVERED")
    unsigned = post_status(url, "", delivered.provider_id, "DELIVERED", signature="")
    assert forged.status_code == unsigned.status_code == 403
    delivered.refresh_from_db()
    assert delivered.status == Message.Status.SENT

    for _twice in range(2):  # the gateway retries its reports
        ok = post_status(url, "jaettu-salaisuus", delivered.provider_id, "DELIVERED")
        assert ok.status_code == 204
    error = {"hex_code": "0x1010", "details": "Unknown subscriber"}
    post_status(url, "jaettu-salaisuus", lost.provider_id, "UNDELIVERABLE", error=error)
    # A late "en route" does not undo a delivery.
    post_status(url, "jaettu-salaisuus", delivered.provider_id, "ENROUTE")
    delivered.refresh_from_db()
    lost.refresh_from_db()
    assert delivered.status == Message.Status.DELIVERED and delivered.delivered_at
    assert (lost.status, lost.reason) == (Message.Status.FAILED, Message.Reason.UNDELIVERED)
    assert "Unknown subscriber" in lost.error


def test_a_malformed_report_is_refused(db, client, settings):
    settings.SMS_WEBHOOK_SECRET = "s"
    import hashlib
    import hmac

    body = b"not json"
    signature = "v1=" + hmac.new(b"s", body, hashlib.sha256).hexdigest()
    response = client.post(
        reverse("messaging:receipt_gatewayapi"),
        data=body,
        content_type="application/json",
        headers={"Signature": signature},
    )
    assert response.status_code == 400


# --- A worker that died between its claim and the gateway's answer --------------------------


def test_a_claim_left_by_a_dead_worker_is_settled_by_the_report_or_sent_again(
    db, gateway, settings
):
    settings.MESSAGING_CLAIM_TIMEOUT_SECONDS = 60
    settings.SMS_WEBHOOK_SECRET = "s"
    reached, lost = (
        queue(consenting_client(phone=f"041 3950 00{n}"), key=f"dead-{n}") for n in (1, 2)
    )
    # Both claimed by a worker that then died: one had reached the gateway, one had not.
    long_ago = timezone.now() - timedelta(minutes=5)
    Message.objects.filter(pk__in=[reached.pk, lost.pk]).update(
        status=Message.Status.SENDING, claimed_at=long_ago, attempts=1
    )
    services.delivery_report(provider_id="01GW1", reference="dead-1", outcome="delivered")
    services.send_due()
    reached.refresh_from_db()
    lost.refresh_from_db()
    assert (reached.status, reached.provider_id) == (Message.Status.DELIVERED, "01GW1")
    assert (lost.status, lost.attempts) == (Message.Status.SENT, 2)
    assert [body["reference"] for body in gateway.accepted] == ["dead-2"]


def test_a_fresh_claim_is_left_alone(db, gateway, settings):
    settings.MESSAGING_CLAIM_TIMEOUT_SECONDS = 600
    message = queue(consenting_client())
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENDING, claimed_at=timezone.now() - timedelta(minutes=1)
    )
    assert services.send_due()[0] == 0 and gateway.requests_seen == 0


def test_a_report_for_a_slow_answer_stops_the_retry(db, gateway, settings):
    """The gateway took the text but answered after our timeout: its report says so, and
    no second text goes even when the claim goes stale."""
    settings.MESSAGING_CLAIM_TIMEOUT_SECONDS = 60
    gateway.delay_seconds = 1.0
    message = queue(consenting_client())
    services.send_due()
    message.refresh_from_db()
    assert message.status == Message.Status.SENDING
    for _wait in range(40):  # the gateway finishes taking it after we stopped waiting
        if gateway.accepted:
            break
        clock.sleep(0.05)
    assert len(gateway.accepted) == 1
    services.delivery_report(
        provider_id=gateway.accepted[0]["msg_id"],
        reference=message.idempotency_key,
        outcome="accepted",
    )
    Message.objects.filter(pk=message.pk).update(claimed_at=timezone.now() - timedelta(minutes=2))
    gateway.delay_seconds = 0
    assert services.send_due()[0] == 0
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and len(gateway.accepted) == 1


def test_without_a_mail_server_an_e_mail_waits_unsent_and_is_never_logged(db, settings, caplog):
    # Production without EMAIL_URL: the message is not lost, not printed, and says why.
    settings.EMAIL_BACKEND = "socialwork.messaging.backends.nomail.NoMailBackend"
    client = ClientFactory(email="liisa@example.fi", reminder_channel="email")
    message = Message.objects.create(
        channel=Message.Channel.EMAIL,
        client=client,
        recipient=client.email,
        text="Muistutus: Solmut auki huomenna klo 10.00",
        purpose="test",
        idempotency_key="mail-1",
    )
    services.send_due()
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED and message.attempts == 1
    assert "No mail server is configured" in message.error
    assert "liisa@example.fi" not in caplog.text and "Muistutus" not in caplog.text


# --- Who has been told what ----------------------------------------------------------------


def test_a_source_asks_who_was_told_of_which_time_without_reading_keys(db, world):
    """Messaging answers "was this person told about this thing, of which time": withdrawn
    messages told nobody, and `went_out` counts only what left for the gateway."""
    from socialwork.messaging.selectors import clients_told

    about = world.unit  # any thing a message can be about
    ten = timezone.now().replace(microsecond=0) + timedelta(days=3)
    told, withdrawn = consenting_client(), consenting_client(phone="041 3950 002")
    services.notice_queue(
        client=told, purpose="notice", context={}, key="a", about=about, about_starts_at=ten
    )
    services.notice_queue(
        client=withdrawn, purpose="notice", context={}, key="b", about=about, about_starts_at=ten
    )
    services.messages_withdraw(about=about, client_ids=[withdrawn.pk])
    answer = clients_told(model=type(about), object_ids=[about.pk], purposes=["notice"])
    assert [(t.client_id, t.starts_at) for t in answer] == [(told.pk, ten)]
    assert not clients_told(
        model=type(about), object_ids=[about.pk], purposes=["notice"], went_out=True
    )
    Message.objects.filter(client=told).update(status=Message.Status.SENT)
    went = clients_told(
        model=type(about), object_ids=[about.pk], purposes=["notice"], went_out=True
    )
    assert [t.client_id for t in went] == [told.pk]
