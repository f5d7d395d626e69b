from django.db.models import Count, QuerySet

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


def letters_waiting_for(user) -> QuerySet[Message]:
    """Letters waiting to be printed to the clients this user works with."""
    return (
        Message.objects.filter(
            channel=Message.Channel.LETTER,
            status=Message.Status.QUEUED,
            batch__isnull=True,
            client__in=Client.objects.filter(client_visibility_q(user)),
        )
        .select_related("client")
        .order_by("created_at", "id")
    )


def batches_of(user) -> QuerySet[LetterBatch]:
    return LetterBatch.objects.filter(created_by=user).defer("pdf").order_by("-created_at")
