"""Logins, logouts and failed logins go to the audit log with the other access events."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit_record(actor=user, action=AuditEvent.Action.LOGIN)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action=AuditEvent.Action.LOGOUT)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # The typed username only: never the password, and no user lookup that would tell
    # an attacker which usernames exist.
    audit_record(
        actor=None,
        action=AuditEvent.Action.LOGIN_FAILED,
        label=str(credentials.get("username", ""))[:150],
    )
