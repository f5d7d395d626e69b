"""Benchmark: the lobby tablet's answer endpoint against a bare Django view that does one
INSERT, both under gunicorn on the same database and machine (DESIGN §6: at least 0.6).

    .venv/bin/python bench/feedback_kiosk.py                      # 7 rounds of 5 s each
    .venv/bin/python bench/feedback_kiosk.py --seconds 20 --clients 8 --gunicorn-workers 4

Nothing needs to be set up: without DATABASE_URL the embedded PostgreSQL is started (and
stopped afterwards if it was not running). The rows go into a throwaway database
(socialwork_bench_<pid>), created and migrated here and dropped at the end.

1. A registered lobby tablet (the feedback card) in a unit, as the admin makes one.
2. gunicorn (sync workers, production settings: no DEBUG, the full middleware stack) serving
   the product's URLs plus /bench/bare/, a view that runs one raw INSERT of the request body
   into a table of its own; bench/kiosk_urls.py adds it, only here.
3. --clients processes POST as fast as they can over keep-alive connections for --seconds,
   first to /kiosk/answer/ (each answer with a new key: two faces and a comment), then to
   /bench/bare/ with the same body, for --rounds rounds. Requests per second of each, the
   ratio of each round and their median are printed; every kiosk answer must be stored once
   (rows = accepted answers).

Exits with 1 if any request failed or the stored rows do not match.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def say(label: str, text: str) -> None:
    print(f"{label:<12} {text}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hammer(port: int, path: str, cookie: str, body: dict, seconds: float, queue) -> None:
    """One client: POST until time is up; report (ok, failed)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {
        "Content-Type": "application/json",
        "Cookie": cookie,
        "Host": "localhost",
        "X-Forwarded-Proto": "https",  # as behind the TLS proxy
        "Connection": "keep-alive",
    }
    ok = failed = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        payload = json.dumps(body | {"key": str(uuid.uuid4())})
        try:
            connection.request("POST", path, payload, headers)
            response = connection.getresponse()
            response.read()
            if response.status in (200, 201):
                ok += 1
            else:
                failed += 1
        except (OSError, http.client.HTTPException):
            failed += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    queue.put((ok, failed))


def run_load(port, path, cookie, body, *, clients, seconds) -> tuple[int, int, float]:
    queue = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=hammer, args=(port, path, cookie, body, seconds, queue))
        for _ in range(clients)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    results = [queue.get() for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - started
    return sum(r[0] for r in results), sum(r[1] for r in results), elapsed


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def gunicorn_start(*, port: int, workers: int) -> subprocess.Popen:
    """The product under gunicorn (sync workers, production settings: no DEBUG, the full
    middleware stack) on this database, with bench/kiosk_settings.py: the per-tablet limit
    off (one bench client stands in for many lobbies) and the bare view's URL."""
    from django.db import connection

    from tests.messaging.worker import database_url

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.kiosk_settings",
        "PYTHONPATH": str(BASE_DIR),
        "DATABASE_URL": database_url(connection.settings_dict),
        "SOCIALWORK_TESTING": "0",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "socialwork.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--keep-alive",
            "5",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
        start_new_session=True,
    )


def bench(args) -> bool:
    from django.db import connection
    from django.test import RequestFactory

    from feedback import selectors, services
    from feedback.models import Instrument, KioskDevice, Response
    from socialwork.people.models import Unit

    unit = Unit.objects.create(name="Benchmark unit")
    card = Instrument.objects.get(code="card")
    device = KioskDevice.objects.create(name="Bench", unit=unit, instrument=card, languages=["fi"])
    token = services.kiosk_enrol_link_new(device=device, actor=None)
    _device, secret = services.kiosk_device_enrol(request=RequestFactory().get("/"), token=token)
    version = selectors.version_current(card).pk
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_bare (id bigserial PRIMARY KEY, key uuid UNIQUE, body text)"
        )

    port = free_port()
    gunicorn = gunicorn_start(port=port, workers=args.gunicorn_workers)
    try:
        wait_for_port(port)
        say("gunicorn", f"{args.gunicorn_workers} sync workers on port {port}")
        body = {
            "version": version,
            "language": "fi",
            "worker": None,
            "answers": {"q1": 3, "q2": 2, "q3": "Hyvä kun kuunneltiin."},
        }
        cookie = f"socialwork_kiosk={secret}"
        # Warm both up: connections, caches, the version's questions.
        run_load(port, "/kiosk/answer/", cookie, body, clients=args.clients, seconds=1)
        run_load(port, "/bench/bare/", cookie, body, clients=args.clients, seconds=1)
        Response.objects.all().delete()
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE bench_bare")

        # Rounds alternate the two, so that a neighbour's load on a shared machine falls on
        # both alike; the ratio printed is the median of the rounds'.
        accepted = failures = 0
        ratios = []
        for round_number in range(1, args.rounds + 1):
            rates = {}
            for label, path in (("kiosk", "/kiosk/answer/"), ("bare INSERT", "/bench/bare/")):
                ok, failed, elapsed = run_load(
                    port, path, cookie, body, clients=args.clients, seconds=args.seconds
                )
                rates[label] = ok / elapsed
                failures += failed
                if label == "kiosk":
                    accepted += ok
                say(
                    f"{round_number}: {label}",
                    f"{ok} requests in {elapsed:.1f} s: {ok / elapsed:,.0f}/s, {failed} failed",
                )
            ratios.append(rates["kiosk"] / rates["bare INSERT"])
        ratio = statistics.median(ratios)
        rounds = ", ".join(f"{r:.2f}" for r in ratios)
        say("ratio", f"kiosk / bare = {ratio:.2f} median of {rounds} (target >= 0.60)")
        stored = Response.objects.count()
        say("stored", f"{stored} answers for {accepted} accepted requests")
        return stored == accepted and failures == 0
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5, help="load per endpoint, s (5)")
    parser.add_argument("--clients", type=int, default=4, help="client processes (4)")
    parser.add_argument("--rounds", type=int, default=7, help="rounds of both (7)")
    parser.add_argument("--gunicorn-workers", type=int, default=4, help="sync workers (4)")
    args = parser.parse_args()

    from bench.throwaway import throwaway_database

    with throwaway_database(say):
        ok = bench(args)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
