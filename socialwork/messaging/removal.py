"""A removed client's messages: the outbox keeps that a message was sent and how it fared
(the figures of the messages page), never to whom or what it said."""

from django.utils.translation import ngettext

from socialwork.messaging.models import Message
from socialwork.people.removal import register_client_removal


def describe(client) -> list[str]:
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


def remove(client) -> None:
    messages = Message.objects.filter(client=client)
    # What had not gone yet never goes: there is nobody to send it to.
    messages.filter(status=Message.Status.QUEUED).update(
        status=Message.Status.CANCELLED, reason=Message.Reason.OBSOLETE
    )
    messages.update(client=None, recipient="", text="", subject="")


register_client_removal(describe=describe, remove=remove)
