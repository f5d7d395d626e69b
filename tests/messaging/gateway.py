"""A local HTTP server playing GatewayAPI's Message API, for tests and the benchmark.

It speaks the same JSON as the real one (POST /mobile/single with a Token header; 202 with
{"msg_id", "recipient", "reference"}; 422 for a recipient it refuses) and can be told to
fail with 5xx or to answer too slowly. It keeps every message it accepted.
"""

import hashlib
import hmac
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests


class _Server(ThreadingHTTPServer):
    # A real gateway takes many connections at once; the standard library's backlog of 5
    # would refuse the senders' threads (each worker process opens several at a time).
    request_queue_size = 512
    daemon_threads = True


@dataclass
class FakeGateway:
    token: str = "test-token"
    accepted: list = field(default_factory=list)  # the JSON bodies accepted
    refuse: set = field(default_factory=set)  # recipients (integers) answered with 422
    fail_next: int = 0  # this many requests get a 503
    delay_seconds: float = 0.0  # answer this much later
    # Where to post a signed DELIVERED report for every accepted message, as the real
    # gateway does (None: no reports).
    report_url: str | None = None
    report_secret: str = ""
    requests_seen: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakeGateway":
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            # Keep-alive, as a real gateway: each sender reuses its connection. Without
            # Nagle's algorithm: the standard library writes the headers and the body
            # apart, and the body would wait for the client's delayed acknowledgement
            # (40 ms on Linux) before it left, which no real gateway adds.
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args):  # keep test output quiet
                pass

            def _answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length)
                with gateway.lock:
                    gateway.requests_seen += 1
                    failing = gateway.fail_next > 0
                    if failing:
                        gateway.fail_next -= 1
                if gateway.delay_seconds:
                    time.sleep(gateway.delay_seconds)
                if self.path != "/mobile/single":
                    return self._answer(404, {"detail": "Not Found"})
                if self.headers.get("Authorization") != f"Token {gateway.token}":
                    return self._answer(403, {"code": "0x0213", "message": "Unauthorized"})
                if failing:
                    return self._answer(503, {"message": "Service Unavailable"})
                try:
                    body = json.loads(raw)
                    recipient = body["recipient"]
                    assert isinstance(recipient, int) and body["message"] and body["sender"]
                except (ValueError, KeyError, AssertionError):
                    return self._answer(
                        422, {"detail": [{"loc": ["body"], "msg": "invalid", "type": "value"}]}
                    )
                if recipient in gateway.refuse:
                    return self._answer(
                        422,
                        {
                            "detail": [
                                {
                                    "loc": ["body", "recipient"],
                                    "msg": "Invalid recipient",
                                    "type": "value_error",
                                }
                            ]
                        },
                    )
                with gateway.lock:
                    msg_id = f"01TEST{next(gateway._ids):020d}"
                    gateway.accepted.append({**body, "msg_id": msg_id})
                if gateway.report_url:
                    threading.Thread(
                        target=post_status,
                        args=(gateway.report_url, gateway.report_secret, msg_id, "DELIVERED"),
                        kwargs={"reference": body.get("reference"), "recipient": recipient},
                        daemon=True,
                    ).start()
                return self._answer(
                    202,
                    {"msg_id": msg_id, "recipient": recipient, "reference": body.get("reference")},
                )

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()


def post_status(
    url: str,
    secret: str,
    msg_id: str,
    status: str,
    *,
    signature=None,
    error=None,
    reference=None,
    recipient=358413950001,
):
    """Post a delivery report as GatewayAPI does: the event JSON, signed with HMAC-SHA256."""
    body = json.dumps(
        {
            "event_id": f"evt-{msg_id}-{status}",
            "timestamp": "2026-11-23T14:00:00+00:00",
            "event_type": "message.status.sms",
            "event": {
                "msg_id": msg_id,
                "recipient": recipient,
                "reference": reference,
                "status": status,
                "status_at": "2026-11-23T14:00:00Z",
                "error": error,
            },
        }
    ).encode()
    if signature is None:
        signature = "v1=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return requests.post(
        url,
        data=body,
        headers={"Content-Type": "application/json", "Signature": signature},
        timeout=5,
    )
