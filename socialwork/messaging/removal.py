"""A removed client's messages, for people's removal (people.removal): the outbox keeps that
a message was sent and how it fared, never to whom or what it said."""

from socialwork.messaging import selectors, services
from socialwork.people.removal import register_client_removal

register_client_removal(
    describe=selectors.client_removal_lines, remove=services.client_messages_anonymise
)
