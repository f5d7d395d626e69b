"""The lobby tablet: registration by a one-time link, the answer page and its endpoints.

The tablet is recognised by an HttpOnly cookie that carries the device's secret and nothing
else. The answer endpoints are exempt from CSRF because no staff session can be abused
through them: they accept only `application/json` (a cross-site form cannot send that without
a CORS preflight, which this site never grants) and the cookie is SameSite=Strict, so another
site's page cannot send it at all. No session, no CSRF cookie: nothing that links two answers.
"""

import datetime as dt
import json
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from feedback import selectors, services
from feedback.models import ContactSlip, secret_hash
from feedback.purposes import KIOSK_REGISTRATION
from feedback.selectors import KIOSK_COOKIE
from socialwork.core.throttle import Throttle
from socialwork.links.services import TooManyGuesses, link_open

MAX_BODY = 16 * 1024
COOKIE_MAX_AGE = 5 * 365 * 24 * 3600


def _set_device_cookie(response, secret: str) -> None:
    response.set_cookie(
        KIOSK_COOKIE,
        secret,
        max_age=COOKIE_MAX_AGE,
        path="/kiosk/",
        secure=not settings.DEBUG,
        httponly=True,
        samesite="Strict",
    )


class KioskEnrolView(View):
    """GET shows what the tablet is about to become; POST binds it. A link preview or a
    virus scanner that opens the link does not use it up."""

    def get(self, request, token):
        try:
            link = link_open(request, purpose=KIOSK_REGISTRATION.name, token=token)
        except TooManyGuesses:
            return _enrol_invalid(request, status=429)
        if link is None or selectors.device_waiting_for(link) is None:
            return _enrol_invalid(request, status=404)
        return render(request, "feedback/kiosk_enrol.html", {"token": token})

    def post(self, request, token):
        try:
            enrolled = services.kiosk_device_enrol(request=request, token=token)
        except TooManyGuesses:
            return _enrol_invalid(request, status=429)
        if enrolled is None:
            return _enrol_invalid(request, status=404)
        _device, secret = enrolled
        response = redirect("kiosk:page")
        _set_device_cookie(response, secret)
        return response


def _enrol_invalid(request, *, status: int):
    return render(request, "feedback/kiosk_enrol.html", {"invalid": True}, status=status)


@method_decorator(never_cache, name="dispatch")
class KioskPageView(View):
    def get(self, request):
        device = selectors.device_for_secret(request.COOKIES.get(KIOSK_COOKIE))
        setup = selectors.kiosk_setup(device) if device else None
        if setup is None:
            return render(request, "feedback/kiosk_unknown.html", status=403)
        language = setup["languages"][0]
        return render(
            request,
            "feedback/kiosk.html",
            {
                "device": device,
                "language": language,
                "t": setup["texts"][language],
                "interests": [(v, f"ui.interest_{v}") for v in ContactSlip.Interest.values],
                **setup,
            },
        )


def _read_json(request) -> dict:
    if request.content_type != "application/json":
        raise ValidationError(_("The answer could not be read."), code="content_type")
    if len(request.body) > MAX_BODY:
        raise ValidationError(_("The answer is too long."), code="too_large")
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: a body of thousands of nested brackets, within the size limit.
        raise ValidationError(_("The answer could not be read."), code="malformed") from None
    if not isinstance(data, dict):
        raise ValidationError(_("The answer could not be read."), code="malformed")
    return data


def _error(error: ValidationError, status=400) -> JsonResponse:
    return JsonResponse({"status": "invalid", "error": " ".join(error.messages)}, status=status)


def _not_registered() -> JsonResponse:
    return JsonResponse(
        {"status": "not_registered", "error": _("This tablet is not in use. Ask the staff.")},
        status=403,
    )


def _unreadable() -> ValidationError:
    return ValidationError(_("The answer could not be read."), code="malformed")


def _id(raw, *, optional=False) -> int | None:
    """A database id as the tablet sends it: a whole number, not true, 1.7 or 1e400."""
    if optional and raw in (None, ""):
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise _unreadable()
    if isinstance(raw, str) and not (raw.isascii() and raw.isdecimal() and len(raw) <= 19):
        raise _unreadable()  # "²" is a digit to Python, and 5000 digits is no id
    value = int(raw)
    if not 0 < value < 2**63:
        raise _unreadable()
    return value


def _text(data: dict, name: str, limit: int) -> str:
    """A text field of a slip: a string or nothing (never the words "None" or "{...}")."""
    value = data.get(name)
    return services.clean_text(value)[:limit] if isinstance(value, str) else ""


def _given_at(raw) -> dt.datetime | None:
    if not isinstance(raw, str) or len(raw) > 40:
        return None
    try:
        return parse_datetime(raw)
    except ValueError:
        return None


# Answers and slips per tablet: a busy lobby gives a few an hour, and a queue that waited
# offline goes in steps. Someone tapping in answers by the dozen to push a figure over the
# minimum waits (the tablet keeps the answers and sends them later).
ANSWER_THROTTLE = Throttle(
    "kiosk-answer", limit=settings.SOCIALWORK_KIOSK_ANSWERS_PER_10_MINUTES, window_seconds=10 * 60
)
SLIP_THROTTLE = Throttle("kiosk-slip", limit=10, window_seconds=60 * 60)


def _too_many() -> JsonResponse:
    return JsonResponse(
        {"status": "wait", "error": _("Too many answers from this tablet. They are sent later.")},
        status=429,
    )


@csrf_exempt
@never_cache
def kiosk_answer(request):
    """POST one answer as JSON. 201 stored, 200 already stored (same key), 400 invalid (the
    tablet drops it), 403 the tablet is not registered (it keeps the answer)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    secret = request.COOKIES.get(KIOSK_COOKIE)
    if not secret:
        return _not_registered()
    if ANSWER_THROTTLE.limit and ANSWER_THROTTLE.hit(secret_hash(secret)):
        return _too_many()
    try:
        data = _read_json(request)
        try:
            key = uuid.UUID(str(data.get("key")))
        except ValueError:
            raise _unreadable() from None
        version_id = _id(data.get("version"))
        worker_id = _id(data.get("worker"), optional=True)
        stored = services.kiosk_answer_record(
            secret=secret,
            key=key,
            version_id=version_id,
            language=_text(data, "language", 5),
            answers=data.get("answers"),
            worker_code_id=worker_id,
            given_at=_given_at(data.get("given_at")),
        )
    except ValidationError as error:
        return _error(error)
    if stored == services.Stored.NO_DEVICE:
        return _not_registered()
    if stored == services.Stored.DUPLICATE:
        return JsonResponse({"status": "duplicate"}, status=200)
    return JsonResponse({"status": "stored"}, status=201)


@csrf_exempt
@never_cache
def kiosk_contact(request):
    """POST a contact slip from the tablet: a separate request, stored apart from answers."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    device = selectors.device_for_secret(request.COOKIES.get(KIOSK_COOKIE))
    if device is None:
        return _not_registered()
    if SLIP_THROTTLE.hit(str(device.pk)):
        return _too_many()
    try:
        data = _read_json(request)
        try:
            slip_id = uuid.UUID(str(data.get("key")))
        except ValueError:
            raise _unreadable() from None
        interest = data.get("interest")
        if interest not in ContactSlip.Interest.values:
            interest = ContactSlip.Interest.EITHER
        services.contact_slip_record(
            slip_id=slip_id,
            name=_text(data, "name", 200),
            phone=_text(data, "phone", 40),
            email=_text(data, "email", 254),
            interest=interest,
            message=_text(data, "message", 2000),
            unit_id=device.unit_id,
        )
    except ValidationError as error:
        return _error(error)
    return JsonResponse({"status": "stored"}, status=201)
