"""The messages sent to a client, for the client's copy of their data (GDPR Art. 15,
socialwork/people/data_export.py): each with its words, where it went and how it went."""

from django.utils.translation import gettext_lazy as _

from socialwork.messaging.models import Message
from socialwork.people.data_export import register_client_data

register_client_data(
    "messaging.messages",
    title=_("Messages sent to you"),
    model=Message,
    rows=lambda client: client.messages.order_by("created_at", "pk"),
    columns=(
        "created_at",
        "channel",
        "recipient",
        "subject",
        "text",
        "status",
        "reason",
        "sent_at",
        "delivered_at",
    ),
    order=40,
)
