import sys
import uuid

from socialwork.messaging.backends.base import BaseSmsBackend, SendResult


class ConsoleBackend(BaseSmsBackend):
    """Prints the text instead of sending it (the default for `make run`)."""

    def send(self, *, to: str, text: str, reference: str) -> SendResult:
        sys.stdout.write(f"--- SMS to {to} ({reference})\n{text}\n---\n")
        sys.stdout.flush()
        return SendResult(provider_id=f"console-{uuid.uuid4().hex[:12]}")
