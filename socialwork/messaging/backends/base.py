from dataclasses import dataclass


class TransientError(Exception):
    """Try again later: the gateway was down, slow or busy (timeouts, 5xx, 429)."""


class OutcomeUnknown(TransientError):
    """The request went out but no answer came back (a read timeout): the gateway may well
    have the message. It is not sent again until a delivery report or the claim timeout
    settles it."""


class PermanentError(Exception):
    """Do not try again: the gateway refused this message (for example the number)."""


@dataclass(frozen=True)
class SendResult:
    provider_id: str


class BaseSmsBackend:
    def send(self, *, to: str, text: str, reference: str) -> SendResult:
        """Hand one text to the gateway. `to` is E.164; `reference` is our idempotency key,
        passed to gateways that keep it with the message."""
        raise NotImplementedError
