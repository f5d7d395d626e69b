"""GatewayAPI (gatewayapi.com / gatewayapi.eu, a Nordic SMS gateway), its Message API.

Send: POST {SMS_GATEWAY_URL}/mobile/single with `Authorization: Token <token>` and
{"sender", "message", "recipient" (an integer: country code and number, no "+"),
"reference"}; any 2xx answers {"msg_id": "...", ...}. Delivery reports come to
`/messaging/receipts/gatewayapi/` signed with `Signature: v1=<HMAC-SHA256 of the body>`
and are read by `read_receipt`. https://gatewayapi.com/docs/message/overview
"""

import hashlib
import hmac
import json
import threading
from dataclasses import dataclass

import requests
from django.conf import settings

from socialwork.messaging.backends.base import (
    BaseSmsBackend,
    OutcomeUnknown,
    PermanentError,
    SendResult,
    TransientError,
)

# One session per sending thread (requests does not promise a shared one is thread-safe):
# a batch of reminders reuses each thread's TLS connection.
_local = threading.local()


def _session() -> requests.Session:
    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = requests.Session()
    return session


class GatewayApiBackend(BaseSmsBackend):
    def send(self, *, to: str, text: str, reference: str) -> SendResult:
        url = settings.SMS_GATEWAY_URL.rstrip("/") + "/mobile/single"
        body = {
            "sender": settings.SMS_SENDER,
            "message": text,
            "recipient": int(to.lstrip("+")),
            "reference": reference,
        }
        try:
            response = _session().post(
                url,
                json=body,
                headers={"Authorization": f"Token {settings.SMS_GATEWAY_TOKEN}"},
                timeout=settings.SMS_TIMEOUT_SECONDS,
            )
        except requests.ConnectTimeout as error:
            raise TransientError(f"the gateway could not be reached in time ({error})") from error
        except requests.ReadTimeout as error:
            raise OutcomeUnknown(f"the gateway did not answer in time ({error})") from error
        except requests.RequestException as error:
            raise TransientError(f"the gateway could not be reached ({error})") from error
        if 200 <= response.status_code < 300:
            try:
                return SendResult(provider_id=str(response.json()["msg_id"]))
            except (ValueError, KeyError, TypeError) as error:
                raise TransientError("the gateway's answer had no message id") from error
        detail = _detail(response)
        if response.status_code in (400, 422):
            # The request itself was refused (typically the number): sending it again
            # would be refused again.
            raise PermanentError(f"{response.status_code}: {detail}")
        # 401/403 (a token problem someone can fix), 429 and 5xx: try again later.
        raise TransientError(f"{response.status_code}: {detail}")


def _detail(response) -> str:
    try:
        data = response.json()
    except ValueError:
        return response.text[:200]
    if isinstance(data, dict):
        if isinstance(data.get("detail"), list) and data["detail"]:
            return str(data["detail"][0].get("msg", data["detail"][0]))[:200]
        return str(data.get("message") or data.get("detail") or data)[:200]
    return str(data)[:200]


# GatewayAPI's states. The final ones settle a message; the others (ACCEPTED, ENROUTE,
# BUFFERED, UNKNOWN) still tell us the gateway has it, which settles a message whose sender
# died before it heard the gateway's answer.
DELIVERED = {"DELIVERED"}
NOT_DELIVERED = {"UNDELIVERABLE", "EXPIRED", "REJECTED", "DELETED"}


class BadSignature(Exception):
    """Unsigned, or signed with another secret: not from our gateway."""


class NotAReceipt(Exception):
    """Signed, but not a status event we can read."""


@dataclass(frozen=True)
class Receipt:
    provider_id: str
    reference: str
    outcome: str  # "delivered", "undelivered" or "accepted"
    error: str


def signature_ok(body: bytes, header: str) -> bool:
    secret = settings.SMS_WEBHOOK_SECRET
    if not secret or not header.startswith("v1="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("v1=").strip())


def read_receipt(body: bytes, signature: str) -> Receipt:
    """The delivery report in the body, once its signature holds."""
    if not signature_ok(body, signature):
        raise BadSignature
    try:
        event = json.loads(body)["event"]
        provider_id, status = str(event["msg_id"]), str(event["status"])
        reference = str(event.get("reference") or "")
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        # RecursionError: thousands of nested brackets, signed (found by the fuzz test).
        raise NotAReceipt from error
    error = event.get("error") or {}
    if not isinstance(error, dict):
        error = {}
    if status in DELIVERED:
        outcome = "delivered"
    elif status in NOT_DELIVERED:
        outcome = "undelivered"
    else:
        outcome = "accepted"
    return Receipt(
        provider_id=provider_id,
        reference=reference,
        outcome=outcome,
        error=f"{status} {error.get('hex_code', '')} {error.get('details', '')}".strip(),
    )
