"""The pre-meeting packet made and sent by a real Celery worker, read back as a member gets
it: the e-mail's PDF and the letter's printed pages through pdftotext, the text message's
link opened as the member's page.

The worker is a separate process running as production does (tests/messaging/worker.py),
on this test's committed rows; text messages go to a local FakeGateway, e-mail into files
(django's file backend, through EMAIL_URL=filemail://). The beat job's task is sent to it
by name, as beat does.
"""

import email
import re
import secrets
import subprocess
from datetime import time, timedelta

import pytest
from celery import Celery
from django.urls import reverse
from django.utils import timezone

from councils import services
from councils.models import Council, MeetingRole
from socialwork.messaging import services as messaging
from socialwork.messaging.letters import letters_pdf
from socialwork.messaging.models import Message
from tests.factories import ClientFactory, UnitFactory, UserFactory
from tests.messaging.gateway import FakeGateway
from tests.messaging.test_worker import broker_url, redis_url, wait_for  # noqa: F401
from tests.messaging.worker import Worker, production_env

TASK = "councils.tasks.send_due_packets"
WEBHOOK_SECRET = "raportin-salaisuus"


def pdf_text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def mails_in(directory) -> list[email.message.Message]:
    # The file backend writes each connection's messages one after another, separated by
    # a line of 79 dashes.
    found = []
    for path in sorted(directory.glob("*.log")):
        for chunk in path.read_bytes().split(b"-" * 79 + b"\n"):
            if chunk.strip():
                found.append(email.message_from_bytes(chunk))
    return found


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_packet_by_email_text_message_and_letter(
    redis_url,  # noqa: F811
    live_server,
    settings,
    monkeypatch,
    tmp_path,
    client,
):
    from socialwork.people.models import Role
    from socialwork.people.services import role_assign

    settings.SMS_WEBHOOK_SECRET = WEBHOOK_SECRET
    # One production-grade key for both processes: the worker seals the member's link with
    # it and this process opens the member's page.
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    # Nothing runs in this process: the worker makes the PDFs and sends.
    monkeypatch.setattr(messaging, "_nudge_sender", lambda: None)
    unit = UnitFactory(name="Koivulan sosiaaliasema")
    leader = UserFactory(username="raadin_vetaja")
    role_assign(actor=None, user=leader, role=Role.COUNSELLOR, unit=unit)
    council = services.council_create(
        actor=leader,
        units=[unit],
        leaders=[(leader, MeetingRole.CHAIR)],
        name="Koivulan asiakasraati",
        cadence=Council.Cadence.CUSTOM,
        start_time=time(13),
        place="Asemakatu 12, kokoushuone Kuusi",
        responsible=leader,
    )
    Council.objects.filter(pk=council.pk).update(status=Council.Status.ACTIVE)
    meeting = services.meeting_add(
        actor=leader,
        council=council,
        day=timezone.localdate() + timedelta(days=5),
        start=time(13),
        minutes=120,
    )
    topic = services.topic_add(
        actor=leader, council=council, title="Aulan viihtyisyys", source="members"
    )
    services.agenda_add(actor=leader, meeting=meeting, topic=topic, is_main=True)
    by_email = ClientFactory(
        unit=unit, email="tuula@example.fi", reminder_channel="email", preferred_language="fi"
    )
    by_sms = ClientFactory(
        unit=unit,
        phone="+358401234567",
        sms_consent_at=timezone.now(),
        reminder_channel="sms",
        preferred_language="sv",
    )
    by_letter = ClientFactory(
        unit=unit,
        reminder_channel="letter",
        preferred_language="fi",
        street_address="Koivukuja 3 B 12",
        postal_code="11100",
        post_office="RIIHIMÄKI",
    )
    for person in (by_email, by_sms, by_letter):
        services.member_add(actor=leader, council=council, client=person)

    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    gateway = FakeGateway(
        report_url=live_server.url + reverse("messaging:receipt_gatewayapi"),
        report_secret=WEBHOOK_SECRET,
    ).start()
    env = production_env(
        redis_url=redis_url,
        gateway_url=gateway.url,
        token=gateway.token,
        SMS_WEBHOOK_SECRET=WEBHOOK_SECRET,
        # django-environ reads the path after "filemail://" as relative: one more slash.
        EMAIL_URL=f"filemail:///{mail_dir}",
        PUBLIC_URL="https://sosiaalityo.example.fi",
        # The link's token is sealed with the key: this process opens the member's page.
        SECRET_KEY=settings.SECRET_KEY,
    )
    producer = Celery("test-packet-producer", broker=broker_url(redis_url), set_as_current=False)
    worker = Worker(env, tmp_path / "worker.log", "packets", concurrency=1)
    try:
        worker.start()
        producer.send_task(TASK)
        wait_for(
            lambda: len(gateway.accepted) == 1 and mails_in(mail_dir),
            timeout=90,
            what="the packet by text message and e-mail",
            worker=worker,
            every=0.2,
        )
    finally:
        worker.stop()
        gateway.stop()
        producer.close()

    # E-mail: the invitation with the Finnish packet attached.
    [mail] = mails_in(mail_dir)
    assert mail["To"] == "tuula@example.fi"
    [pdf] = [part for part in mail.walk() if part.get_content_type() == "application/pdf"]
    text = pdf_text(pdf.get_payload(decode=True))
    assert "Koivulan asiakasraati" in text and "Aulan viihtyisyys" in text
    assert "Asialista" in text and "Asemakatu 12" in text

    # Text message: a link to the member's own page, which shows the packet in Swedish.
    [sms] = gateway.accepted
    assert sms["recipient"] == 358401234567
    found = re.search(r"https://sosiaalityo\.example\.fi(/r/\S+)", sms["message"])
    assert found, sms["message"]
    path = found.group(1)
    assert "{link}" not in sms["message"]
    page = client.get(path)
    assert "Föredragningslista" in page.text and "Aulan viihtyisyys" in page.text

    # Letter: waits for the next print batch, the packet printed after the letter.
    letter = Message.objects.get(client=by_letter, purpose="councils.meeting_packet")
    assert letter.channel == Message.Channel.LETTER and letter.status == Message.Status.QUEUED
    printed = pdf_text(letters_pdf([letter]))
    assert "Koivukuja 3 B 12" in printed
    assert printed.index("Koivukuja 3 B 12") < printed.index("Aulan viihtyisyys")

    # The leaders see per member what went.
    meeting.refresh_from_db()
    assert meeting.packet_sent_at is not None
    channels = {
        m.client_id: d.message.channel
        for m, d, _reply in services_rows(meeting)
        if d is not None and d.message
    }
    assert channels == {by_email.pk: "email", by_sms.pk: "sms", by_letter.pk: "letter"}


def services_rows(meeting):
    from councils.selectors import delivery_rows

    return delivery_rows(meeting)
