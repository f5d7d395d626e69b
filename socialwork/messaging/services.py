"""Queueing and sending messages.

Sending is a scan, not a task per message: a beat job (and a nudge after each commit) takes
due messages one at a time. Each is taken in its own transaction with SELECT ... FOR
UPDATE SKIP LOCKED, checked again (still queued, consent still in force, not in quiet
hours), handed to the gateway and marked sent before the transaction commits. Two workers
never take the same row; a worker killed mid-batch leaves the rest queued, and its own
message rolls back to queued, so the next scan sends it. The one case left open is a
worker killed in the instant between the gateway's answer and the commit; the gateway is
given our idempotency key as its reference, so such a message can be traced.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from socialwork.messaging.backends import PermanentError, TransientError, get_sms_backend
from socialwork.messaging.models import Message
from socialwork.messaging.sms import next_allowed_time, normalise_mobile
from socialwork.people.models import Client

logger = logging.getLogger(__name__)


def _quiet_hours_end(moment):
    return next_allowed_time(moment, settings.SMS_QUIET_HOURS_START, settings.SMS_QUIET_HOURS_END)


def backoff(attempts: int) -> timedelta:
    """Exponential: 1, 2, 4, 8 ... minutes after the first, second, third failure."""
    base = settings.SMS_RETRY_BASE_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def sms_queue(
    *,
    client: Client,
    text: str,
    purpose: str,
    key: str,
    about=None,
    created_by=None,
    not_before=None,
) -> Message:
    """Put a text for a client in the outbox, once per key.

    Without consent or a valid mobile number the message is kept as "not sent" with the
    reason, so that staff see why someone was not reminded. Call inside the transaction of
    the change that causes the message.
    """
    number = normalise_mobile(str(client.phone or ""))
    if not client.has_sms_consent:
        status, reason = Message.Status.CANCELLED, Message.Reason.NO_CONSENT
    elif not client.phone:
        status, reason = Message.Status.CANCELLED, Message.Reason.NO_NUMBER
    elif number is None:
        status, reason = Message.Status.CANCELLED, Message.Reason.INVALID_NUMBER
    else:
        status, reason = Message.Status.QUEUED, ""
    now = timezone.now()
    message = Message(
        channel=Message.Channel.SMS,
        client=client,
        recipient=number or "",
        language=client.preferred_language,
        text=text,
        purpose=purpose,
        idempotency_key=key,
        status=status,
        reason=reason,
        not_before=_quiet_hours_end(max(not_before or now, now)),
        finished_at=now if status == Message.Status.CANCELLED else None,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )
    if about is not None:
        message.content_type = ContentType.objects.get_for_model(about)
        message.object_id = str(about.pk)
    # One statement: INSERT ... ON CONFLICT (idempotency_key) DO NOTHING. A second call
    # with the same key, from a retried task or a beat job firing twice, adds nothing.
    Message.objects.bulk_create([message], ignore_conflicts=True)
    queued = Message.objects.get(idempotency_key=key)
    if queued.status == Message.Status.QUEUED:
        transaction.on_commit(_nudge_sender)
    return queued


def _nudge_sender() -> None:
    from socialwork.messaging.tasks import send_due_messages

    send_due_messages.delay()


def send_next_due() -> Message | None:
    """Send one due message, or return None when there is none. See the module docstring
    for why the gateway call is inside the transaction."""
    backend = get_sms_backend()
    with transaction.atomic():
        now = timezone.now()
        message = (
            Message.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("client")
            .filter(status=Message.Status.QUEUED, not_before__lte=now)
            .order_by("not_before", "id")
            .first()
        )
        if message is None:
            return None
        if message.channel != Message.Channel.SMS:
            return _finish(message, Message.Status.FAILED, error="channel not sent by this job")
        client = message.client
        if client is None or not client.has_sms_consent:
            return _finish(message, Message.Status.CANCELLED, Message.Reason.CONSENT_WITHDRAWN)
        allowed = _quiet_hours_end(now)
        if allowed > now:
            # A retry or a late scan ran into the quiet hours: wait for the morning.
            message.not_before = allowed
            message.save(update_fields=["not_before"])
            return message
        message.attempts += 1
        try:
            result = backend.send(
                to=message.recipient, text=message.text, reference=message.idempotency_key
            )
        except PermanentError as error:
            return _finish(message, Message.Status.FAILED, Message.Reason.REJECTED, str(error))
        except TransientError as error:
            if message.attempts >= settings.SMS_MAX_ATTEMPTS:
                return _finish(message, Message.Status.FAILED, Message.Reason.GAVE_UP, str(error))
            message.error = str(error)[:300]
            message.not_before = _quiet_hours_end(now + backoff(message.attempts))
            message.save(update_fields=["attempts", "error", "not_before"])
            logger.warning("SMS %s: try %s failed: %s", message.pk, message.attempts, error)
            return message
        message.status = Message.Status.SENT
        message.provider_id = result.provider_id[:100]
        message.sent_at = timezone.now()
        message.error = ""
        message.save(update_fields=["status", "provider_id", "sent_at", "attempts", "error"])
        return message


def _finish(message: Message, status: str, reason: str = "", error: str = "") -> Message:
    message.status = status
    message.reason = reason
    message.error = error[:300]
    message.finished_at = timezone.now()
    message.save(update_fields=["status", "reason", "error", "finished_at", "attempts"])
    return message


def send_due(*, limit: int = 500, seconds: float = 50.0) -> int:
    """Send due messages until none is left, `limit` are done or `seconds` have passed (so
    that a beat job's run ends before the next one starts). Returns how many were handled."""
    deadline = timezone.now() + timedelta(seconds=seconds)
    handled = 0
    while handled < limit and timezone.now() < deadline:
        message = send_next_due()
        if message is None:
            break
        handled += 1
    return handled


@transaction.atomic
def delivery_report(*, provider_id: str, delivered: bool, error: str = "") -> Message | None:
    """A gateway's report on a sent message. Reports may come twice or out of order: a
    delivered message stays delivered."""
    message = (
        Message.objects.select_for_update().filter(provider_id=provider_id).order_by("-id").first()
    )
    if message is None:
        return None
    if message.status == Message.Status.DELIVERED:
        return message
    now = timezone.now()
    if delivered:
        message.status = Message.Status.DELIVERED
        message.delivered_at = now
        message.reason = ""
    else:
        message.status = Message.Status.FAILED
        message.reason = Message.Reason.UNDELIVERED
        message.error = error[:300]
    message.finished_at = now
    message.save(update_fields=["status", "delivered_at", "reason", "error", "finished_at"])
    return message
