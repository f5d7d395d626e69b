from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Q, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import ngettext

from socialwork.messaging import kinds
from socialwork.messaging.models import LetterBatch, Message
from socialwork.people.models import Client
from socialwork.people.permissions import client_visibility_q


def outbox_list() -> QuerySet[Message]:
    """The outbox for administrators: the columns about how a message fared, none about
    whom it was for."""
    return Message.objects.only(
        "channel",
        "language",
        "purpose",
        "status",
        "reason",
        "attempts",
        "created_at",
        "sent_at",
        "delivered_at",
    ).order_by("-created_at", "-id")


def outbox_status_counts(messages: QuerySet[Message]) -> dict[str, int]:
    counts = dict.fromkeys(Message.Status.values, 0)
    for row in messages.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def printable_letters_q(user) -> Q:
    """The letters this user prints: about things they run (registered by the apps), to
    clients they may see."""
    scope = Q(pk__in=[])
    for letter_scope in kinds.letter_scopes():
        scope |= letter_scope(user)
    return scope & Q(client__in=Client.objects.filter(client_visibility_q(user)))


def letters_waiting_for(user) -> QuerySet[Message]:
    """Letters waiting to be printed by this user."""
    return (
        Message.objects.filter(
            printable_letters_q(user),
            channel=Message.Channel.LETTER,
            status=Message.Status.QUEUED,
            batch__isnull=True,
        )
        .select_related("client")
        .order_by("created_at", "id")
    )


def batches_of(user) -> QuerySet[LetterBatch]:
    # The file stays in the database until it is downloaded.
    return (
        LetterBatch.objects.filter(created_by=user)
        .select_related("document")
        .defer("document__file")
        .order_by("-created_at")
    )


def batch_get(pk: int) -> LetterBatch | None:
    return LetterBatch.objects.select_related("document").filter(pk=pk).first()


def client_removal_lines(client: Client) -> list[str]:
    """What removing the client does to their messages, for the confirmation page."""
    count = Message.objects.filter(client=client).count()
    if not count:
        return []
    return [
        ngettext(
            "%(count)d message: the number or address and the words are removed.",
            "%(count)d messages: the numbers or addresses and the words are removed.",
            count,
        )
        % {"count": count}
    ]


# Messages that reached the gateway, or are being handed to it right now.
WENT_OUT = (Message.Status.SENDING, Message.Status.SENT, Message.Status.DELIVERED)


@dataclass(frozen=True)
class Told:
    """One client told about one thing: what they were told, of which time, and when."""

    object_id: str
    client_id: int
    purpose: str
    starts_at: datetime | None  # the thing's time as the message told it
    queued_at: datetime


def clients_told(*, model, object_ids, purposes, went_out: bool = False) -> list[Told]:
    """Who has been told about these things, for a source deciding what to send next (a
    reminder that a notice of the new time has already stood in for; a cancellation for
    those who had been told the time). Withdrawn messages told nobody; with `went_out`, only
    messages that left (or are leaving) count. Read after messages_withdraw(), whose UPDATE
    has waited for any message being sent."""
    messages = Message.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in object_ids],
        purpose__in=purposes,
        client__isnull=False,
    )
    if went_out:
        messages = messages.filter(status__in=WENT_OUT)
    else:
        messages = messages.exclude(status=Message.Status.CANCELLED)
    return [
        Told(*row)
        for row in messages.values_list(
            "object_id", "client_id", "purpose", "about_starts_at", "created_at"
        )
    ]


def messages_about(about) -> list[Message]:
    """Every message about one thing, newest first (a session's reminder panel)."""
    return list(
        Message.objects.filter(
            content_type=ContentType.objects.get_for_model(about), object_id=str(about.pk)
        ).order_by("-created_at", "-id")
    )


def about_q(things: QuerySet) -> Q:
    """A filter over Message for the messages about these things (a letter scope)."""
    return Q(
        content_type=ContentType.objects.get_for_model(things.model),
        object_id__in=things.annotate(key=Cast("pk", CharField())).values("key"),
    )
