from django.db.models import Count, Q, QuerySet
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
    return LetterBatch.objects.filter(created_by=user).defer("pdf").order_by("-created_at")


def batch_get(pk: int) -> LetterBatch | None:
    return LetterBatch.objects.filter(pk=pk).first()


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
