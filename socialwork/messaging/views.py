import hashlib
import hmac
import json

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from socialwork.messaging import services

# GatewayAPI's final states; the others (ACCEPTED, ENROUTE, UNKNOWN) change nothing here.
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
        except (ValueError, KeyError, TypeError):
            return HttpResponseBadRequest("not a status event")
        if status in DELIVERED | NOT_DELIVERED:
            error = event.get("error") or {}
            services.delivery_report(
                provider_id=provider_id,
                delivered=status in DELIVERED,
                error=f"{status} {error.get('hex_code', '')} {error.get('details', '')}".strip()
                if isinstance(error, dict)
                else status,
            )
        return HttpResponse(status=204)
