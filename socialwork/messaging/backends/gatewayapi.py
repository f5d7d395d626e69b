"""GatewayAPI (gatewayapi.com / gatewayapi.eu, a Nordic SMS gateway), its Message API.

Send: POST {SMS_GATEWAY_URL}/mobile/single with `Authorization: Token <token>` and
{"sender", "message", "recipient" (an integer: country code and number, no "+"),
"reference"}; any 2xx answers {"msg_id": "...", ...}. Delivery reports come to
`/messaging/receipts/gatewayapi/` signed with `Signature: v1=<HMAC-SHA256 of the body>`
(see views.py). https://gatewayapi.com/docs/message/overview
"""

import requests
from django.conf import settings

from socialwork.messaging.backends.base import (
    BaseSmsBackend,
    OutcomeUnknown,
    PermanentError,
    SendResult,
    TransientError,
)

# One connection pool per worker process: a batch of reminders reuses the TLS connection.
_session = requests.Session()


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
            response = _session.post(
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
