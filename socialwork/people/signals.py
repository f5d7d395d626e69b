"""Logins, logouts and failed logins go to the audit log with the other access events."""

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Count
from django.dispatch import receiver
from django.utils.translation import ngettext

from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.people.models import User


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    _tell_of_failed_logins(request, user)
    audit_record(actor=user, action=AuditEvent.Action.LOGIN)


def _tell_of_failed_logins(request, user) -> None:
    """Guesses at one account from many addresses pass the per-address lockout; the owner
    hears of them at the next login, and can tell the administrator if it was not them."""
    previous = (
        AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN, actor=user)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    failed = AuditEvent.objects.filter(
        action=AuditEvent.Action.LOGIN_FAILED, object_type="people.user", object_id=str(user.pk)
    )
    if previous is not None:
        failed = failed.filter(at__gt=previous)
    figures = failed.aggregate(count=Count("id"), addresses=Count("ip_address", distinct=True))
    if figures["count"] and request is not None:
        messages.warning(
            request,
            ngettext(
                "Since your last login there was %(count)d failed attempt to log in to your "
                "account (from %(addresses)d addresses). If it was not you, tell your "
                "administrator.",
                "Since your last login there were %(count)d failed attempts to log in to your "
                "account (from %(addresses)d addresses). If it was not you, tell your "
                "administrator.",
                figures["count"],
            )
            % figures,
            fail_silently=True,
        )


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action=AuditEvent.Action.LOGOUT)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # The typed username is kept only when it names an account: a password typed into the
    # username field, or a guess, is not written down for ever. The answer on the page is
    # the same either way, so this tells an attacker nothing.
    account = known_account(credentials.get("username"))
    audit_record(
        actor=None,
        action=AuditEvent.Action.LOGIN_FAILED,
        obj=account,
        label=account.get_username() if account else UNKNOWN_USERNAME,
    )


UNKNOWN_USERNAME = "(unknown)"


def known_account(username) -> User | None:
    if not isinstance(username, str) or not username or len(username) > 150:
        return None
    return User._default_manager.filter(username=username).first()


def axes_username(request, credentials) -> str:
    """What django-axes stores and counts by: the account, or one marker for all unknown
    names (they cannot log in anyway), never the typed text."""
    account = known_account((credentials or {}).get("username"))
    return account.get_username() if account else UNKNOWN_USERNAME
