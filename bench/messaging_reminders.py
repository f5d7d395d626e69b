"""Benchmark: 10 000 session reminders, queued by the reminder scan and sent by real Celery
workers through a local gateway.

    .venv/bin/python bench/messaging_reminders.py                 # 10 000, 2 workers
    .venv/bin/python bench/messaging_reminders.py --delay 0.15   # a real gateway's latency
    .venv/bin/python bench/messaging_reminders.py --count 2000 --workers 1 --concurrency 2

Nothing needs to be set up: without DATABASE_URL / REDIS_URL the embedded PostgreSQL and
Redis (socialwork.embedded) are started, and stopped afterwards if they were not running.
The rows go into a throwaway database (socialwork_bench_<pid>) on that PostgreSQL server,
created and migrated here and dropped at the end; Celery's queue in the Redis database is
emptied before and after, so point REDIS_URL at a database nothing else uses.

1. Data: N clients with SMS consent and distinct mobile numbers (+35840...), ten to a group
   run, each run with one session tomorrow at 10:00 Helsinki time.
2. services.reminders_queue(now=a minute after the reminders are due): time and count.
   (The outbox analyses itself after a burst this size, so the database is used as it is.)
3. A FakeGateway (tests/messaging/gateway.py, answering at once unless --delay) and
   --workers `celery -A socialwork worker` processes (prefork, --concurrency each; by
   default two workers of one process each) on the Redis, as production runs them (no
   DEBUG, tasks through the broker). Once every worker answers a ping, the senders are
   started as the nudge after a commit starts them; the clock runs until the gateway has
   accepted every reminder. Duplicates are accepted references minus distinct ones: 0.

Exits with 1 unless every reminder reached the gateway exactly once.
"""

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

PER_RUN = 10
# Celery's keys in Redis with the default queue: stale tasks of an earlier run go.
CELERY_KEYS = ("celery", "unacked", "unacked_index", "unacked_mutex")


def say(label: str, text: str) -> None:
    print(f"{label:<12} {text}", flush=True)


# --- Data ---------------------------------------------------------------------------------


def make_data(count: int) -> datetime:
    """Clients, runs, sessions and enrolments for `count` reminders; returns the start."""
    from django.db import transaction
    from django.utils import timezone

    from groups.models import Enrolment, GroupRun, Programme, Session
    from socialwork.core.schedules import HELSINKI
    from socialwork.people.models import Client, Unit

    now = timezone.now()
    tomorrow = now.astimezone(HELSINKI).date() + timedelta(days=1)
    starts = datetime.combine(tomorrow, clock(10), tzinfo=HELSINKI)
    programme = Programme.objects.order_by("id").first()
    with transaction.atomic():
        unit = Unit.objects.create(
            name="Benchmark station", postal_code="33100", post_office="Tampere"
        )
        runs = GroupRun.objects.bulk_create(
            GroupRun(
                programme=programme,
                unit=unit,
                name=f"Benchmark group {number}",
                starts_on=tomorrow,
                ends_on=tomorrow,
                place="Kirjaston kokoushuone",
                cadence=programme.cadence,
                weekdays=list(programme.weekdays),
                start_time=clock(10),
                session_minutes=120,
                session_count=1,
                min_size=1,
                max_size=PER_RUN,
                status=GroupRun.Status.RUNNING,
            )
            for number in range((count + PER_RUN - 1) // PER_RUN)
        )
        Session.objects.bulk_create(
            Session(run=run, starts_at=starts, ends_at=starts + timedelta(hours=2)) for run in runs
        )
        clients = Client.objects.bulk_create(
            (
                Client(
                    first_name=f"Asiakas{number}",
                    last_name="Mittari",
                    phone=f"+35840{1_000_000 + number:07d}",
                    sms_consent_at=now,
                    unit=unit,
                )
                for number in range(count)
            ),
            batch_size=2000,
        )
        Enrolment.objects.bulk_create(
            (
                Enrolment(run=runs[number // PER_RUN], client=client)
                for number, client in enumerate(clients)
            ),
            batch_size=2000,
        )
    return starts


# --- Workers ------------------------------------------------------------------------------


def wait_ready(app, workers: list, timeout: float) -> None:
    """Until each of these workers answers a ping (others on the broker do not count)."""
    deadline = time.monotonic() + timeout
    while True:
        for worker in workers:
            if not worker.alive():
                raise RuntimeError(f"a worker stopped:\n{worker.output()}")
        answered = {name for reply in app.control.ping(timeout=0.5) for name in reply}
        if all(any(name.startswith(f"{worker.name}@") for name in answered) for worker in workers):
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"the workers did not answer in {timeout} s")


# --- The benchmark -------------------------------------------------------------------------


def bench(args) -> bool:
    import redis
    from django.db import connection

    from socialwork.celery import app
    from socialwork.messaging import services
    from socialwork.messaging.models import Message
    from socialwork.messaging.tasks import send_due_messages
    from tests.messaging.gateway import FakeGateway
    from tests.messaging.worker import Worker, production_env

    others = app.control.ping(timeout=1)
    if others:
        names = ", ".join(name for reply in others for name in reply)
        say("redis", f"other workers take tasks from this database ({names}): use another")
        return False

    count = args.count
    started = time.perf_counter()
    starts = make_data(count)
    say(
        "data",
        f"{count} clients in {len(range(0, count, PER_RUN))} groups meeting "
        f"{starts:%d.%m.%Y at %H:%M}: {time.perf_counter() - started:.1f} s",
    )

    due = services.reminder_due(starts)
    started = time.perf_counter()
    queued = services.reminders_queue(now=due + timedelta(minutes=1))
    elapsed = time.perf_counter() - started
    waiting = Message.objects.filter(status=Message.Status.QUEUED).count()
    say("queue", f"reminders_queue(): {queued} queued in {elapsed:.2f} s ({waiting} waiting)")
    if queued != count:
        say("", f"expected {count}")
        return False

    broker = redis.Redis.from_url(os.environ["REDIS_URL"])
    # The nudge after the scan's commit has queued senders already: they go, so that the
    # clock starts with the workers ready.
    broker.delete(*CELERY_KEYS)
    senders = args.workers * args.concurrency
    gateway = FakeGateway(delay_seconds=args.delay).start()
    logs = Path(tempfile.mkdtemp(prefix="socialwork-bench-"))
    env = production_env(
        redis_url=os.environ["REDIS_URL"],
        gateway_url=gateway.url,
        token=gateway.token,
        MESSAGING_PARALLEL_SENDERS=str(senders),
        MESSAGING_SEND_THREADS=str(args.threads),
    )
    workers = []
    ok = False
    try:
        started = time.perf_counter()
        workers = [
            Worker(
                env, logs / f"{number}.log", f"bench{number}-{os.getpid()}", args.concurrency
            ).start()
            for number in range(args.workers)
        ]
        wait_ready(app, workers, timeout=60)
        kind = f"prefork, concurrency {args.concurrency}, {args.threads} sending threads each"
        say(
            "workers",
            f"{args.workers} x celery worker ({kind}), ready in "
            f"{time.perf_counter() - started:.1f} s; gateway delay {args.delay * 1000:.0f} ms",
        )

        started = time.perf_counter()
        for _sender in range(senders):  # as the nudge after a commit does
            send_due_messages.delay()
        deadline = started + args.timeout
        while len(gateway.accepted) < count and time.perf_counter() < deadline:
            if not all(worker.alive() for worker in workers):
                break
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        accepted = len(gateway.accepted)
        say(
            "send",
            f"{accepted} accepted by the gateway in {elapsed:.1f} s: "
            f"{accepted / elapsed:.0f} per second",
        )
        # The last answers are being written down.
        settle = time.monotonic() + 10
        while (
            Message.objects.filter(status__in=Message.OPEN).exists() and time.monotonic() < settle
        ):
            time.sleep(0.1)
        references = [body["reference"] for body in gateway.accepted]
        distinct = len(set(references))
        duplicates = len(references) - distinct
        say("duplicates", f"{duplicates} ({len(references)} accepted, {distinct} distinct)")
        statuses = Counter(Message.objects.values_list("status", flat=True))
        say("outbox", ", ".join(f"{status} {n}" for status, n in sorted(statuses.items())))
        ok = duplicates == 0 and distinct == count == statuses.get(Message.Status.SENT, 0)
        if not ok:
            for worker in workers:
                print(worker.output(), file=sys.stderr)
    finally:
        for worker in workers:
            worker.stop()
        gateway.stop()
        broker.delete(*CELERY_KEYS)
        broker.close()
        shutil.rmtree(logs, ignore_errors=True)
        connection.close()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="reminders (10 000)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (2)")
    parser.add_argument("--concurrency", type=int, default=1, help="pool size of each (1)")
    parser.add_argument(
        "--threads",
        type=int,
        default=16,
        help="senders side by side in each pool process, MESSAGING_SEND_THREADS (16)",
    )
    parser.add_argument("--delay", type=float, default=0.0, help="gateway answer delay, s (0)")
    parser.add_argument("--timeout", type=float, default=600, help="give up after, s (600)")
    args = parser.parse_args()

    from throwaway import throwaway_database

    # The benchmark process itself is a development one; the workers run as production.
    with throwaway_database(
        say,
        SMS_QUIET_HOURS_START="00:00",
        SMS_QUIET_HOURS_END="00:00",
        MESSAGING_PARALLEL_SENDERS=str(args.workers * args.concurrency),
    ):
        ok = bench(args)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
