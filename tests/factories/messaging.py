import factory

from socialwork.messaging.models import LetterBatch, Message
from tests.factories.people import ClientFactory, UserFactory


class MessageFactory(factory.django.DjangoModelFactory):
    """A text message in the outbox, waiting to be sent."""

    class Meta:
        model = Message

    channel = Message.Channel.SMS
    client = factory.SubFactory(ClientFactory)
    recipient = factory.LazyAttribute(lambda m: m.client.phone if m.client else "")
    text = "Muistutus: ryhmä huomenna klo 10."
    purpose = "groups.session_reminder"
    idempotency_key = factory.Sequence(lambda n: f"test-message-{n}")


class LetterBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LetterBatch

    created_by = factory.SubFactory(UserFactory)
    letter_count = 1
