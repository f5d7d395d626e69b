"""Queueing and sending messages.

Queueing writes rows in the transaction of the change that causes them, with an idempotency
key (INSERT ... ON CONFLICT DO NOTHING), so a retried task or a beat job firing twice adds
nothing.

Sending is a scan, not a task per message: a beat job (and a nudge after each commit) takes
due messages one at a time in three steps:

1. *Claim*, in one transaction: SELECT ... FOR UPDATE SKIP LOCKED of a due message, checked
   again (still queued, consent still in force, not in quiet hours), marked "sending".
   Two workers never take the same row, and a retried task finds it no longer queued.
2. *Hand over* to the gateway (or the mail server), outside any transaction.
3. *Settle*: sent, or back to queued for a retry with a longer wait, or failed.

A worker killed before step 1 commits leaves the message queued. One killed between 1 and 3
leaves it "sending": the gateway may or may not have it. The gateway's delivery reports
carry our key as their reference, so a report settles such a message; a claim that no
report has settled after MESSAGING_CLAIM_TIMEOUT_SECONDS is taken again and sent. Nothing
is lost, and nothing is sent twice as long as the gateway reports within that time.
"""

import logging
import smtplib
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import datetime, timedelta
from email.utils import make_msgid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone, translation

from socialwork.core.schedules import local_date, wall_clock
from socialwork.messaging import kinds
from socialwork.messaging.backends import (
    OutcomeUnknown,
    PermanentError,
    TransientError,
    get_sms_backend,
)
from socialwork.messaging.models import Message, MessageTemplate
from socialwork.messaging.sms import next_allowed_time, normalise_mobile
from socialwork.people.models import Client

logger = logging.getLogger(__name__)

CHANNEL_FOR = {
    Client.ReminderChannel.SMS: Message.Channel.SMS,
    Client.ReminderChannel.EMAIL: Message.Channel.EMAIL,
    Client.ReminderChannel.LETTER: Message.Channel.LETTER,
}
SENT_BY_SCAN = (Message.Channel.SMS, Message.Channel.EMAIL)


def _quiet_hours_end(moment):
    return next_allowed_time(moment, settings.SMS_QUIET_HOURS_START, settings.SMS_QUIET_HOURS_END)


def backoff(attempts: int) -> timedelta:
    """Exponential: 1, 2, 4, 8 ... minutes after the first, second, third failure."""
    base = settings.SMS_RETRY_BASE_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


# --- Reaching a client ------------------------------------------------------------------


def reach(client: Client) -> tuple[str, str, str]:
    """(channel, recipient, reason): how a message gets to this client, or why it cannot.
    The session page uses it too, to warn before a reminder is due."""
    wish = client.reminder_channel
    if wish == Client.ReminderChannel.NONE:
        return Message.Channel.SMS, "", Message.Reason.NOT_WANTED
    channel = CHANNEL_FOR[wish]
    if channel == Message.Channel.EMAIL:
        if not client.email:
            return channel, "", Message.Reason.NO_EMAIL
        return channel, client.email, ""
    if channel == Message.Channel.LETTER:
        if not (client.street_address and client.postal_code and client.post_office):
            return channel, "", Message.Reason.NO_ADDRESS
        return channel, client.postal_address, ""
    return (channel, *_sms_reach(client))


def _sms_reach(client: Client) -> tuple[str, str]:
    """(number, reason) for a text message to this client."""
    if not client.has_sms_consent:
        return "", Message.Reason.NO_CONSENT
    if not client.phone:
        return "", Message.Reason.NO_NUMBER
    number = normalise_mobile(str(client.phone))
    if number is None:
        return "", Message.Reason.INVALID_NUMBER
    return number, ""


def templates_for(purpose: str) -> dict[str, str]:
    """language -> words, the administrators' version over the registered default."""
    kind = kinds.get_kind(purpose)
    words = dict(kind.defaults) if kind else {}
    words.update(MessageTemplate.objects.filter(purpose=purpose).values_list("language", "text"))
    return words


def _build(
    *,
    client: Client,
    purpose: str,
    words: dict[str, str],
    context,
    key: str,
    about=None,
    created_by=None,
    not_before=None,
    content_type=None,
    about_starts_at=None,
    link=None,
    document=None,
) -> Message:
    channel, recipient, reason = reach(client)
    if channel not in SENT_BY_SCAN:
        # A printed letter cannot carry a link to open (and must not print a token).
        link = None
    language = client.preferred_language
    text = words.get(language) or words.get(settings.LANGUAGE_CODE, "")
    kind = kinds.get_kind(purpose)
    with translation.override(language):
        values = _with_link(context(language) if callable(context) else dict(context), link)
        subject = str(kind.subject) if kind else ""
    now = timezone.now()
    start = max(not_before or now, now)
    message = Message(
        channel=channel,
        client=client,
        recipient=recipient[:320],
        language=language,
        subject=subject[:200],
        text=kinds.render(text, values).replace("\r\n", "\n"),
        purpose=purpose,
        idempotency_key=key,
        about_starts_at=about_starts_at,
        status=Message.Status.CANCELLED if reason else Message.Status.QUEUED,
        reason=reason,
        not_before=_quiet_hours_end(start) if channel == Message.Channel.SMS else start,
        finished_at=now if reason else None,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
        link=link,
        # An e-mail carries the file and a letter prints it after the letter; a text
        # message carries the link instead.
        document=document if channel != Message.Channel.SMS else None,
    )
    if about is not None:
        message.content_type = content_type or ContentType.objects.get_for_model(about)
        message.object_id = str(about.pk)
    return message


def _with_link(values: dict, link) -> dict:
    # "{link}" stays in the stored words and is filled in at hand-over (text_to_send); a
    # message without a link says nothing in its place.
    return {**values, "link": "{link}" if link is not None else ""}


def _insert(messages: list[Message]) -> None:
    # One statement per thousand: INSERT ... ON CONFLICT (idempotency_key) DO NOTHING.
    Message.objects.bulk_create(messages, ignore_conflicts=True, batch_size=1000)
    if len(messages) >= 1000:
        # A burst this size changes the outbox's shape more than autovacuum notices in
        # time: fresh statistics keep the senders' claim query on its partial index.
        transaction.on_commit(_analyse_outbox, robust=True)
    if any(m.status == Message.Status.QUEUED and m.channel in SENT_BY_SCAN for m in messages):
        # robust: the change is committed whatever happens to the nudge (Redis down, say);
        # the beat job's next run sends what a lost nudge did not.
        transaction.on_commit(_nudge_sender, robust=True)


def notice_queue(
    *,
    client: Client,
    purpose: str,
    context,
    key: str,
    about=None,
    about_starts_at=None,
    created_by=None,
    not_before=None,
    link=None,
    document=None,
) -> Message:
    """Put a message of a registered kind for one client in the outbox, once per key, on
    the channel the client wants. Without a way to reach them the message is kept as "not
    sent" with the reason, so that staff see why. Call inside the transaction of the change
    that causes it. `context` is a dict or fn(language) -> dict of placeholder values;
    `about_starts_at` the time of `about` that the message tells (selectors.clients_told);
    `link` a secret link whose address replaces "{link}" in the words when it is sent;
    `document` a PDF that an e-mail carries and a letter prints after itself."""
    message = _build(
        client=client,
        purpose=purpose,
        words=templates_for(purpose),
        context=context,
        key=key,
        about=about,
        about_starts_at=about_starts_at,
        created_by=created_by,
        not_before=not_before,
        link=link,
        document=document,
    )
    _insert([message])
    return Message.objects.get(idempotency_key=key)


def email_queue(
    *,
    to: str,
    language: str,
    purpose: str,
    context,
    key: str,
    about=None,
    link=None,
    created_by=None,
) -> Message:
    """An e-mail of a registered kind to someone who is not a client: a staff member (a
    deadline reminder) or an outside recipient (a board answering a council's proposal).
    Once per key; without an address it is kept as "not sent", with the reason."""
    kind = kinds.get_kind(purpose)
    words = templates_for(purpose)
    text = words.get(language) or words.get(settings.LANGUAGE_CODE, "")
    with translation.override(language):
        values = _with_link(context(language) if callable(context) else dict(context), link)
        subject = str(kind.subject) if kind else ""
    now = timezone.now()
    message = Message(
        channel=Message.Channel.EMAIL,
        recipient=(to or "")[:320],
        language=language,
        subject=subject[:200],
        text=kinds.render(text, values).replace("\r\n", "\n"),
        purpose=purpose,
        idempotency_key=key,
        status=Message.Status.QUEUED if to else Message.Status.CANCELLED,
        reason="" if to else Message.Reason.NO_EMAIL,
        finished_at=None if to else now,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
        link=link,
    )
    if about is not None:
        message.content_type = ContentType.objects.get_for_model(about)
        message.object_id = str(about.pk)
    _insert([message])
    return Message.objects.get(idempotency_key=key)


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
    """Put a written-out text message for a client in the outbox, once per key, as a text
    message whatever channel the client's reminders use."""
    now = timezone.now()
    number, reason = _sms_reach(client)
    message = Message(
        channel=Message.Channel.SMS,
        client=client,
        recipient=number,
        language=client.preferred_language,
        text=text.replace("\r\n", "\n"),
        purpose=purpose,
        idempotency_key=key,
        status=Message.Status.CANCELLED if reason else Message.Status.QUEUED,
        reason=reason,
        not_before=_quiet_hours_end(max(not_before or now, now)),
        finished_at=now if reason else None,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )
    if about is not None:
        message.content_type = ContentType.objects.get_for_model(about)
        message.object_id = str(about.pk)
    _insert([message])
    return Message.objects.get(idempotency_key=key)


def messages_withdraw(
    *, about=None, model=None, object_ids=None, purposes=None, client_ids=None
) -> int:
    """Cancel messages about a thing (or about `model` rows `object_ids`) that are still
    waiting, for example reminders of a session that was cancelled or moved.

    A message a worker is sending right now is left to finish: the UPDATE waits for its
    row lock and then sees it is no longer queued. The withdrawn message gives up its
    idempotency key, so that the same reminder can be queued again if the change is undone
    (a session cancelled and then held after all)."""
    if about is not None:
        model, object_ids = type(about), [about.pk]
    qs = Message.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in object_ids],
        status=Message.Status.QUEUED,
        batch__isnull=True,
    )
    if purposes is not None:
        qs = qs.filter(purpose__in=purposes)
    if client_ids is not None:
        qs = qs.filter(client_id__in=client_ids)
    return qs.update(
        status=Message.Status.CANCELLED,
        reason=Message.Reason.OBSOLETE,
        finished_at=timezone.now(),
        idempotency_key=Concat(
            F("idempotency_key"), Value(":withdrawn:"), Cast("id", output_field=CharField())
        ),
    )


def client_messages_anonymise(client: Client) -> None:
    """Before a client record goes (people.services.client_delete, in its transaction): the
    outbox keeps that each message was sent and how it fared (the messages page's figures),
    never to whom or what it said. What had not gone yet never goes: nobody is there."""
    messages = Message.objects.filter(client=client)
    messages.filter(status=Message.Status.QUEUED).update(
        status=Message.Status.CANCELLED, reason=Message.Reason.OBSOLETE
    )
    messages.update(client=None, recipient="", text="", subject="")


def _analyse_outbox() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Message._meta.db_table}")


def _nudge_sender() -> None:
    """Start as many senders as may run side by side (more is harmless: they skip each
    other's rows); each one that stops with messages left starts its successor."""
    from socialwork.messaging.tasks import send_due_messages

    for _sender in range(settings.MESSAGING_PARALLEL_SENDERS):
        send_due_messages.delay()


# --- Reminders ---------------------------------------------------------------------------


def reminder_due(starts_at: datetime, *, days_before: int = 1) -> datetime:
    """When a reminder of something starting at `starts_at` is due: that many days before,
    at REMINDER_TIME on the Helsinki wall clock (whatever the UTC offset is that day)."""
    return wall_clock(local_date(starts_at) - timedelta(days=days_before), settings.REMINDER_TIME)


def reminder_due_for(starts_at: datetime, client: Client) -> datetime:
    """When this client's reminder is due: the day before, or REMINDER_LETTER_DAYS before
    for a letter (it must be printed and posted)."""
    letter = client.reminder_channel == Client.ReminderChannel.LETTER
    return reminder_due(starts_at, days_before=settings.REMINDER_LETTER_DAYS if letter else 1)


def reminders_queue(*, now: datetime | None = None) -> int:
    """Queue every reminder that is due and not yet queued, for all registered sources.
    Run by beat every few minutes; running it twice at once or again later adds nothing.
    Returns how many were new."""
    now = now or timezone.now()
    lead = max(1, settings.REMINDER_LETTER_DAYS)
    start = now + timedelta(hours=settings.REMINDER_MIN_NOTICE_HOURS)
    end = wall_clock(local_date(now) + timedelta(days=lead + 1), datetime.min.time())
    created = 0
    for source in kinds.reminder_sources():
        with transaction.atomic():
            words = templates_for(source.purpose)
            messages, content_types = [], {}
            for reminder in source.upcoming(start, end):
                if reminder_due_for(reminder.starts_at, reminder.client) > now:
                    continue
                model = type(reminder.about)
                if model not in content_types:
                    content_types[model] = ContentType.objects.get_for_model(model)
                messages.append(
                    _build(
                        client=reminder.client,
                        purpose=source.purpose,
                        words=words,
                        context=reminder.context,
                        key=reminder.key,
                        about=reminder.about,
                        about_starts_at=reminder.starts_at,
                        content_type=content_types[model],
                        link=reminder.link,
                    )
                )
            if not messages:
                continue
            existing = set(
                Message.objects.filter(
                    idempotency_key__in=[m.idempotency_key for m in messages]
                ).values_list("idempotency_key", flat=True)
            )
            messages = [m for m in messages if m.idempotency_key not in existing]
            _insert(messages)
            created += len(messages)
    return created


# --- Sending -------------------------------------------------------------------------------


def _claim(*, stale_too: bool = True) -> Message | None:
    """Step 1: take one due message (or one whose claim went stale) and mark it sending."""
    messages = _claim_many(count=1, stale_too=stale_too)
    return messages[0] if messages else None


def _claim_many(*, count: int, stale_too: bool = True) -> list[Message]:
    """Step 1 for up to `count` messages in one transaction (one commit, which is what a
    claim costs most): stale claims first, then due messages. Each comes back marked
    "sending", or settled by the claim itself (cancelled, given up, or postponed out of the
    quiet hours). `stale_too=False` leaves out the look for stale claims (a sender that has
    just looked need not look again for every message: a claim goes stale only after many
    minutes)."""
    with transaction.atomic():
        now = timezone.now()
        # No join in the locking query: with the client joined, PostgreSQL may sort every
        # queued row for each claim (a fresh outbox without statistics); alone, the partial
        # index gives the next rows at once. The clients are read afterwards.
        locked = Message.objects.select_for_update(skip_locked=True)
        stale = now - timedelta(seconds=settings.MESSAGING_CLAIM_TIMEOUT_SECONDS)
        messages = []
        if stale_too:
            messages = list(
                locked.filter(
                    status=Message.Status.SENDING, claimed_at__lt=stale, channel__in=SENT_BY_SCAN
                ).order_by("claimed_at", "id")[:count]
            )
        if len(messages) < count:
            messages += list(
                locked.filter(
                    status=Message.Status.QUEUED, not_before__lte=now, channel__in=SENT_BY_SCAN
                ).order_by("not_before", "id")[: count - len(messages)]
            )
        return [_claim_checked(message, now) for message in messages]


def _claim_checked(message: Message, now: datetime) -> Message:
    if message.status == Message.Status.SENDING and message.attempts >= settings.SMS_MAX_ATTEMPTS:
        return _finish(message, Message.Status.FAILED, Message.Reason.GAVE_UP)
    client = message.client
    # An e-mail to staff or an outside address has no client from the start; a client's
    # message whose client was removed has lost its recipient too (anonymised).
    to_someone_else = (
        client is None and message.recipient and message.channel == Message.Channel.EMAIL
    )
    if not to_someone_else and (
        client is None or (message.channel == Message.Channel.SMS and not client.has_sms_consent)
    ):
        return _finish(message, Message.Status.CANCELLED, Message.Reason.CONSENT_WITHDRAWN)
    if message.channel == Message.Channel.SMS:
        allowed = _quiet_hours_end(now)
        if allowed > now:
            # A retry, a late scan or a stale claim ran into the quiet hours: wait for the
            # morning.
            message.status = Message.Status.QUEUED
            message.not_before = allowed
            message.save(update_fields=["status", "not_before"])
            message.postponed = True
            return message
    message.status = Message.Status.SENDING
    message.claimed_at = now
    message.attempts += 1
    message.save(update_fields=["status", "claimed_at", "attempts"])
    return message


def link_address(link) -> str:
    """The full address of a secret link, for a message or a letter."""
    from django.urls import reverse

    from socialwork.links.purposes import get_purpose

    path = reverse(get_purpose(link.purpose).url_name, kwargs={"token": link.token})
    return settings.SOCIALWORK_PUBLIC_URL.rstrip("/") + path


def text_to_send(message: Message) -> str:
    """The words as they go out: the link's address is put in only now, so that the token
    is never kept in the outbox (where staff and the admin read the words)."""
    if message.link_id is None:
        return message.text
    return message.text.replace("{link}", link_address(message.link))


def _prepare(message: Message) -> Callable[[], str]:
    """Step 2a, in the sender's own thread (it reads the database): everything the hand-over
    needs, as a call that reads nothing more. The call gives the message to the gateway or
    the mail server and returns its id there."""
    text = text_to_send(message)
    if message.channel == Message.Channel.SMS:
        backend = get_sms_backend()
        to, reference = message.recipient, message.idempotency_key

        def hand_over_sms() -> str:
            return backend.send(to=to, text=text, reference=reference).provider_id

        return hand_over_sms
    message_id = make_msgid(domain=settings.MESSAGING_EMAIL_DOMAIN)
    email = EmailMessage(
        subject=message.subject or message.purpose,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers={"Message-ID": message_id},
    )
    if message.document_id is not None:
        from socialwork.documents.kinds import get_document_kind

        document = message.document
        if not document.is_ready or document.file is None:
            # Not made yet (or being made again): the retry sends it once it is.
            raise TransientError("the attachment is not ready yet")
        kind = get_document_kind(document.kind)
        email.attach(kind.filename(document), bytes(document.file), kind.content_type)

    def hand_over_email() -> str:
        try:
            email.send()
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentError(str(error)) from error
        except (smtplib.SMTPException, OSError) as error:
            raise TransientError(str(error)) from error
        return message_id

    return hand_over_email


def _hand_over(call: Callable[[], str]) -> str | Exception:
    """Step 2b, possibly in a pool thread: the outcome, an id or the error (no database)."""
    try:
        return call()
    except Exception as error:  # any failure is the outcome to settle, in the sender's thread
        return error


def _settle(message: Message, **fields) -> bool:
    """Step 3, written only if the message is still ours: a delivery report may have
    settled it already (then it stays as the report left it), or our claim went stale and
    another sender took it (then the outcome is theirs to write)."""
    settled = Message.objects.filter(
        pk=message.pk, status=Message.Status.SENDING, claimed_at=message.claimed_at
    ).update(**fields)
    for name, value in fields.items():
        setattr(message, name, value)
    return bool(settled)


def _settle_outcome(message: Message, outcome: str | Exception) -> None:
    if isinstance(outcome, OutcomeUnknown):
        # The gateway may have it: wait for its report, or for the claim to go stale.
        logger.warning("Message %s: no answer, waiting for a report: %s", message.pk, outcome)
        _settle(message, error=str(outcome)[:300])
        return
    if isinstance(outcome, PermanentError):
        reason = (
            Message.Reason.REJECTED
            if message.channel == Message.Channel.SMS
            else Message.Reason.MAIL_REFUSED
        )
        _settle(
            message,
            status=Message.Status.FAILED,
            reason=reason,
            error=str(outcome)[:300],
            finished_at=timezone.now(),
        )
        return
    if isinstance(outcome, Exception):
        # Any other failure (the gateway busy, a bug, a broken backend) is retried.
        logger.warning("Message %s: try %s failed: %s", message.pk, message.attempts, outcome)
        if message.attempts >= settings.SMS_MAX_ATTEMPTS:
            _settle(
                message,
                status=Message.Status.FAILED,
                reason=Message.Reason.GAVE_UP,
                error=str(outcome)[:300],
                finished_at=timezone.now(),
            )
        else:
            later = timezone.now() + backoff(message.attempts)
            if message.channel == Message.Channel.SMS:
                later = _quiet_hours_end(later)
            _settle(
                message, status=Message.Status.QUEUED, error=str(outcome)[:300], not_before=later
            )
        return
    provider_id = outcome[:100]
    settled = _settle(
        message,
        status=Message.Status.SENT,
        provider_id=provider_id,
        sent_at=timezone.now(),
        error="",
    )
    if not settled:
        # A report that came before our own answer settled the message but may not have
        # known the gateway's id.
        Message.objects.filter(pk=message.pk, provider_id="").update(provider_id=provider_id)


def _claim_and_prepare(
    *, count: int, stale_too: bool
) -> list[tuple[Message, Callable[[], str] | None]]:
    """Steps 1 and 2a for up to `count` messages (an empty list: none is due). A message's
    call is None when there is nothing to hand over: one settled by the claim itself
    (postponed, cancelled, given up), or one whose preparation failed (settled here as a
    failed try)."""
    prepared = []
    for message in _claim_many(count=count, stale_too=stale_too):
        call = None
        if message.status == Message.Status.SENDING:
            try:
                call = _prepare(message)
            except Exception as error:  # e.g. the attachment is not ready: a try that failed
                _settle_outcome(message, error)
        prepared.append((message, call))
    return prepared


def send_next_due(*, stale_too: bool = True) -> Message | None:
    """Send one due message, or return None when there is none."""
    prepared = _claim_and_prepare(count=1, stale_too=stale_too)
    if not prepared:
        return None
    message, call = prepared[0]
    if call is not None:
        _settle_outcome(message, _hand_over(call))
    return message


def _finish(message: Message, status: str, reason: str = "", error: str = "") -> Message:
    message.status = status
    message.reason = reason
    message.error = error[:300]
    message.finished_at = timezone.now()
    message.save(update_fields=["status", "reason", "error", "finished_at", "attempts"])
    return message


def send_due(
    *, limit: int | None = None, seconds: float = 50.0, threads: int | None = None
) -> tuple[int, bool]:
    """Send due messages until none is left, `limit` are done or `seconds` have passed (so
    that one task does not hold a worker for ever). Returns how many were handled and
    whether due messages may be left.

    A gateway takes a good part of a second to answer, and one request at a time would
    leave the worker waiting most of the time (at 150 ms, about 6 a second). So up to
    MESSAGING_SEND_THREADS hand-overs wait side by side, each in a pool thread that only
    talks to the gateway; this thread claims, prepares and settles every message, one at a
    time and exactly as when there is one sender: claim-send-settle holds for each message,
    and a process killed mid-batch leaves each message in flight "sending", for its report
    or its claim's timeout. Free places are claimed together and answers that came together
    are settled together, each in one transaction: a commit waits for the disk, and one per
    message and step held the sender back more than the gateway did."""
    threads = settings.MESSAGING_SEND_THREADS if threads is None else threads
    limit = 200 * max(threads, 1) if limit is None else limit
    deadline = timezone.now() + timedelta(seconds=seconds)
    if threads <= 1:
        return _send_one_at_a_time(limit=limit, deadline=deadline)
    handled = claims = 0
    exhausted = False
    in_flight: dict[Future, Message] = {}
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="hand-over") as pool:
        while True:
            free = min(threads - len(in_flight), limit - handled - len(in_flight))
            if not exhausted and free > 0 and timezone.now() < deadline:
                # Stale claims are looked for first, then each time the count of claims
                # passes another STALE_LOOK_EVERY.
                look = claims == 0 or claims // STALE_LOOK_EVERY != (claims + free) // (
                    STALE_LOOK_EVERY
                )
                prepared = _claim_and_prepare(count=free, stale_too=look)
                claims += free
                exhausted = len(prepared) < free
                for message, call in prepared:
                    if call is None:
                        handled += 1
                    else:
                        in_flight[pool.submit(_hand_over, call)] = message
                if prepared and not in_flight:
                    continue  # all settled by the claim (postponed, cancelled): claim more
            if not in_flight:
                break
            done, _pending = wait(in_flight, return_when=FIRST_COMPLETED)
            # The answers that came together are written in one transaction (one commit).
            with transaction.atomic():
                for future in done:
                    _settle_outcome(in_flight.pop(future), future.result())
                    handled += 1
    return handled, not exhausted


# A sender looks for stale claims before its first message and again after this many.
STALE_LOOK_EVERY = 50


def _send_one_at_a_time(*, limit: int, deadline: datetime) -> tuple[int, bool]:
    handled = 0
    while handled < limit and timezone.now() < deadline:
        if send_next_due(stale_too=handled % STALE_LOOK_EVERY == 0) is None:
            return handled, False
        handled += 1
    return handled, True


@transaction.atomic
def delivery_report(
    *, provider_id: str = "", reference: str = "", outcome: str, error: str = ""
) -> Message | None:
    """A gateway's report on a message: outcome is "delivered", "undelivered" or
    "accepted" (the gateway has it; the phone has not answered yet). Reports may come twice,
    out of order, or before our own request has its answer: a delivered message stays
    delivered, and a message whose sender died is settled by the report's reference."""
    match = Q(pk__in=[])
    if provider_id:
        match |= Q(provider_id=provider_id)
    if reference:
        match |= Q(idempotency_key=reference)
    message = Message.objects.select_for_update().filter(match).order_by("-id").first()
    if message is None:
        return None
    now = timezone.now()
    fields = {"status", "provider_id", "sent_at", "delivered_at", "reason", "error", "finished_at"}
    if not message.provider_id and provider_id:
        message.provider_id = provider_id[:100]
    if message.sent_at is None:
        message.sent_at = now
    if message.status == Message.Status.DELIVERED:
        pass
    elif outcome == "delivered":
        message.status = Message.Status.DELIVERED
        message.delivered_at = now
        message.reason = ""
        message.error = ""
        message.finished_at = now
    elif outcome == "undelivered":
        message.status = Message.Status.FAILED
        message.reason = Message.Reason.UNDELIVERED
        message.error = error[:300]
        message.finished_at = now
    elif message.status in Message.OPEN:
        message.status = Message.Status.SENT
    message.save(update_fields=sorted(fields))
    return message


# --- Templates -----------------------------------------------------------------------------


def templates_install(**kwargs) -> None:
    """After migrating: a template row for every registered kind and language, from the
    default words, so that administrators always have something to edit."""
    rows = [
        MessageTemplate(purpose=kind.purpose, language=language, text=text)
        for kind in kinds.all_kinds()
        for language, text in kind.defaults.items()
    ]
    MessageTemplate.objects.bulk_create(rows, ignore_conflicts=True)
