import hashlib
import hmac
import json

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from socialwork.messaging import services

# GatewayAPI's states. The final ones settle a message; the others (ACCEPTED, ENROUTE,
# BUFFERED, UNKNOWN) still tell us the gateway has it, which settles a message whose sender
# died before it heard the gateway's answer.
DELIVERED = {"DELIVERED"}
NOT_DELIVERED = {"UNDELIVERABLE", "EXPIRED", "REJECTED", "DELETED"}


def _signature_ok(body: bytes, header: str) -> bool:
    secret = settings.SMS_WEBHOOK_SECRET
    if not secret or not header.startswith("v1="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("v1=").strip())


@method_decorator(csrf_exempt, name="dispatch")
class GatewayApiReceiptView(View):
    """Delivery reports from GatewayAPI. Signed with the shared secret (HMAC-SHA256 of the
    raw body); anything unsigned or wrongly signed is refused and changes nothing. Reports
    are retried by the gateway, so the same report twice is answered the same way."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not _signature_ok(request.body, request.headers.get("Signature", "")):
            return HttpResponseForbidden("bad signature")
        try:
            event = json.loads(request.body)["event"]
            provider_id, status = str(event["msg_id"]), str(event["status"])
            reference = str(event.get("reference") or "")
        except (ValueError, KeyError, TypeError, AttributeError):
            return HttpResponseBadRequest("not a status event")
        error = event.get("error") or {}
        if not isinstance(error, dict):
            error = {}
        if status in DELIVERED:
            outcome = "delivered"
        elif status in NOT_DELIVERED:
            outcome = "undelivered"
        else:
            outcome = "accepted"
        services.delivery_report(
            provider_id=provider_id,
            reference=reference,
            outcome=outcome,
            error=f"{status} {error.get('hex_code', '')} {error.get('details', '')}".strip(),
        )
        return HttpResponse(status=204)
