"""The second factor for staff: a time-based code from an authenticator app (TOTP, RFC 6238)
with one-time recovery codes, on django-otp (README: "Second factor").

Rules, kept here in one place:
- Every staff account needs it (SECOND_FACTOR_REQUIRED); a password alone opens nothing but
  the pages that ask for the code or set the app up (SecondFactorMiddleware).
- A wrong code counts as a failed login for the account and the address together, exactly as
  a wrong password does (django-axes); the counter starts again only once both factors are
  right, so that logging in again with the password does not buy new guesses at the code.
- Enrolment, new recovery codes and an administrator's reset go to the audit log.
"""

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from socialwork.audit.context import client_ip
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.people.models import User

RECOVERY_CODES = 10


def required() -> bool:
    return settings.SOCIALWORK_SECOND_FACTOR_REQUIRED


def is_enrolled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolment_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for the user (any earlier unconfirmed one goes): it
    counts only once the user has typed a code from it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def pending_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


@transaction.atomic
def enrolment_confirm(*, request, device: TOTPDevice, code: str) -> list[str] | None:
    """The first code from the app confirms it; returns the new recovery codes (shown once),
    or None for a wrong code (which counts as a failed login)."""
    if not device.verify_token(normalise(code)):
        _failed(request, device.user)
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _recovery_codes_new(device.user)
    _verified(request, device)
    audit_record(
        actor=device.user,
        action=AuditEvent.Action.CHANGE,
        obj=device.user,
        changed_fields=["second_factor", "recovery_codes"],
    )
    return codes


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    codes = _recovery_codes_new(user)
    audit_record(
        actor=user, action=AuditEvent.Action.CHANGE, obj=user, changed_fields=["recovery_codes"]
    )
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _recovery_codes_new(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(*, request, user: User, code: str) -> bool:
    """Step two of a login: a code from the app, or one of the recovery codes (used up)."""
    token = normalise(code)
    for device in devices_for_user(user, confirmed=True):
        if device.verify_token(token):
            _verified(request, device)
            return True
    _failed(request, user)
    return False


@transaction.atomic
def reset(*, actor: User, user: User) -> None:
    """The administrator's answer to a lost phone: the user's authenticator and recovery
    codes go, and the next login sets a new app up. Every session of the user stays as it
    is verified or not; the next login asks for the new enrolment."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        obj=user,
        changed_fields=["second_factor_reset"],
    )


def normalise(code: str) -> str:
    """What people type: spaces and dashes from a printed code, capitals from a note."""
    return "".join(str(code or "").split()).replace("-", "").lower()[:16]


def _verified(request, device) -> None:
    otp_login(request, device)
    # Only now, with both factors right, does the count of failures start again.
    from axes.handlers.proxy import AxesProxyHandler

    from socialwork.people.signals import axes_username

    AxesProxyHandler.reset_attempts(
        ip_address=client_ip(request),
        username=axes_username(request, {"username": device.user.get_username()}),
    )


def _failed(request, user: User) -> None:
    # The same signal as a wrong password: axes counts it for this account and address, and
    # the audit log records a failed login.
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )


def is_locked(request, user: User) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_locked(request, credentials={"username": user.get_username()})
