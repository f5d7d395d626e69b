import itertools

from socialwork.messaging.backends.base import BaseSmsBackend, SendResult

# Sent texts, for tests in the same process: (to, text, reference).
outbox: list[tuple[str, str, str]] = []
_ids = itertools.count(1)


class LocmemBackend(BaseSmsBackend):
    def send(self, *, to: str, text: str, reference: str) -> SendResult:
        outbox.append((to, text, reference))
        return SendResult(provider_id=f"locmem-{next(_ids)}")
