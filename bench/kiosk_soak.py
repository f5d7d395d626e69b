"""Soak run: the lobby tablet's answer endpoint for minutes through a proxy that drops a
fifth of the requests, with double taps; then every answer is counted: none lost, none twice.

    .venv/bin/python bench/kiosk_soak.py                          # 2 minutes, 8 tablets
    .venv/bin/python bench/kiosk_soak.py --seconds 30 --tablets 4 --drop 0.3

Nothing needs to be set up: without DATABASE_URL the embedded PostgreSQL is started (and
stopped afterwards if it was not running); the rows go into a throwaway database.

1. Registered lobby tablets (the feedback card), one device per simulated tablet.
2. gunicorn (sync workers, production settings) serving the product, and in front of it a
   proxy that loses --drop of the requests (0.2): half of those before they reach the
   server (the answer never arrives), half after the server has answered (the answer is
   stored, but the tablet never hears so). Both look the same to the tablet: no answer.
3. --tablets processes do what the tablet's page does: each answer gets its key when the
   person taps "send"; without an answer the same answer is sent again, with the same key,
   until the server acknowledges it (stored, or already stored). One answer in ten is
   double-tapped: sent twice at once. Between answers a tablet waits a little, as people do.
4. Afterwards: every answer a tablet made must be stored exactly once (the keys the tablets
   made = the keys stored, and rows = distinct keys), and the rows hold what was sent.

Exits with 1 unless 0 were lost and 0 stored twice.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import random
import signal
import socket
import socketserver
import sys
import threading
import time
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.feedback_kiosk import (  # noqa: E402 (the path above)
    free_port,
    gunicorn_start,
    say,
    wait_for_port,
)


class DroppingProxy(socketserver.ThreadingTCPServer):
    """One request per connection: read it whole, then lose it (before or after the server
    has it) or pass it on and return the server's answer."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, port: int, upstream: int, drop: float):
        self.upstream, self.drop = upstream, drop
        self.counts = {"passed": 0, "lost_before": 0, "lost_after": 0}
        self.lock = threading.Lock()
        self.random = random.Random(7)
        super().__init__(("127.0.0.1", port), _ProxyHandler)

    def fate(self) -> str:
        with self.lock:
            roll = self.random.random()
            fate = (
                "lost_before"
                if roll < self.drop / 2
                else "lost_after"
                if roll < self.drop
                else "passed"
            )
            self.counts[fate] += 1
            return fate


class _ProxyHandler(socketserver.BaseRequestHandler):
    def handle(self):
        request = _read_http(self.request)
        if request is None:
            return
        fate = self.server.fate()
        if fate == "lost_before":
            return  # closed: the request never reached the server
        with socket.create_connection(("127.0.0.1", self.server.upstream), timeout=30) as up:
            up.sendall(request)
            answer = _read_http(up)
        if fate == "lost_after" or answer is None:
            return  # the server has it; its answer is lost on the way back
        self.request.sendall(answer)


def _read_http(sock) -> bytes | None:
    """One HTTP message (headers and a Content-Length body) from the socket."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        body += chunk
    return head + b"\r\n\r\n" + body


def tablet(number: int, port: int, cookie: str, version: int, seconds: float, queue) -> None:
    """One lobby tablet: answers with fresh keys, sent again until acknowledged."""
    rng = random.Random(number)
    made: dict[str, dict] = {}
    sent = retries = double_taps = 0
    deadline = time.perf_counter() + seconds

    def post(payload: str) -> bool:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request(
                "POST",
                "/kiosk/answer/",
                payload,
                {
                    "Content-Type": "application/json",
                    "Cookie": cookie,
                    "Host": "localhost",
                    "X-Forwarded-Proto": "https",
                    "Connection": "close",
                },
            )
            response = connection.getresponse()
            response.read()
            return response.status in (200, 201)
        except (OSError, http.client.HTTPException):
            return False
        finally:
            connection.close()

    while time.perf_counter() < deadline:
        key = str(uuid.uuid4())
        answers = {"q1": rng.randint(1, 3), "q2": rng.randint(1, 3), "q3": f"Tabletti {number}"}
        made[key] = answers
        payload = json.dumps(
            {"key": key, "version": version, "language": "fi", "worker": None, "answers": answers}
        )
        if rng.random() < 0.1:
            # A double tap: the same answer twice at once.
            double_taps += 1
            second = threading.Thread(target=post, args=(payload,))
            second.start()
            acknowledged = post(payload)
            second.join()
        else:
            acknowledged = post(payload)
        sent += 1
        while not acknowledged:
            retries += 1
            time.sleep(0.05)
            acknowledged = post(payload)
        time.sleep(rng.uniform(0.0, 0.02))
    queue.put({"made": made, "sent": sent, "retries": retries, "double_taps": double_taps})


def bench(args) -> bool:
    from django.test import RequestFactory

    from feedback import selectors, services
    from feedback.models import Answer, Instrument, KioskDevice, Response
    from socialwork.people.models import Unit

    unit = Unit.objects.create(name="Soak unit")
    card = Instrument.objects.get(code="card")
    version = selectors.version_current(card).pk
    cookies = []
    for number in range(args.tablets):
        device = KioskDevice.objects.create(
            name=f"Aula {number}", unit=unit, instrument=card, languages=["fi"]
        )
        token = services.kiosk_enrol_link_new(device=device, actor=None)
        _device, secret = services.kiosk_device_enrol(
            request=RequestFactory().get("/"), token=token
        )
        cookies.append(f"socialwork_kiosk={secret}")

    server_port, proxy_port = free_port(), free_port()
    gunicorn = gunicorn_start(port=server_port, workers=args.gunicorn_workers)
    proxy = DroppingProxy(proxy_port, server_port, args.drop)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        wait_for_port(server_port)
        say(
            "setup",
            f"gunicorn ({args.gunicorn_workers} workers), a proxy losing {args.drop:.0%}, "
            f"{args.tablets} tablets for {args.seconds:.0f} s",
        )
        queue = multiprocessing.Queue()
        processes = [
            multiprocessing.Process(
                target=tablet,
                args=(n, proxy_port, cookies[n], version, args.seconds, queue),
            )
            for n in range(args.tablets)
        ]
        started = time.perf_counter()
        for process in processes:
            process.start()
        results = [queue.get() for _ in processes]
        for process in processes:
            process.join()
        elapsed = time.perf_counter() - started
    finally:
        proxy.shutdown()
        proxy.server_close()
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)

    made = {key: answers for result in results for key, answers in result["made"].items()}
    sent = sum(result["sent"] for result in results)
    say(
        "load",
        f"{sent} answers in {elapsed:.0f} s ({sent / elapsed:.0f}/s); "
        f"{sum(r['retries'] for r in results)} sent again after no answer, "
        f"{sum(r['double_taps'] for r in results)} double taps",
    )
    counts = proxy.counts
    total = sum(counts.values())
    say(
        "proxy",
        f"{total} requests: {counts['lost_before']} lost before the server, "
        f"{counts['lost_after']} lost after it ({(total - counts['passed']) / total:.1%})",
    )
    keys = [str(key) for key in Response.objects.values_list("key", flat=True)]
    stored = set(keys)
    lost = set(made) - stored
    extra = stored - set(made)
    twice = len(keys) - len(stored)
    # Each stored answer whole and as sent: its three parts, the comment the tablet wrote.
    parts: dict[str, list] = {}
    for key, value, text in Answer.objects.values_list("response__key", "value", "text"):
        parts.setdefault(str(key), []).append(text or value)
    wrong = sum(
        1
        for key, values in parts.items()
        if key in made and sorted(map(str, values)) != sorted(map(str, made[key].values()))
    )
    say(
        "counted",
        f"{len(made)} answers made, {len(keys)} stored: {len(lost)} lost, "
        f"{twice} stored twice, {len(extra)} unknown, {wrong} not whole or not as sent",
    )
    return not lost and not twice and not extra and not wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120, help="length of the run, s (120)")
    parser.add_argument("--tablets", type=int, default=8, help="tablets, each a process (8)")
    parser.add_argument("--drop", type=float, default=0.2, help="share of requests lost (0.2)")
    parser.add_argument("--gunicorn-workers", type=int, default=4, help="sync workers (4)")
    args = parser.parse_args()

    from bench.throwaway import throwaway_database

    with throwaway_database(say):
        ok = bench(args)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
