"""Counting failed attempts per client address, for public pages that take a secret
(a session code): enough wrong guesses and the address waits a while. `hit` counts uses
under another key, such as a lobby tablet.

The count lives in the cache (Redis in production). Losing it on a restart only resets the
wait, which is acceptable for a code that is valid for an hour or a day anyway.
"""

from django.core.cache import cache

from socialwork.audit.context import client_ip


class Throttle:
    def __init__(self, scope: str, *, limit: int, window_seconds: int):
        self.scope = scope
        self.limit = limit
        self.window = window_seconds

    def _key(self, request) -> str:
        return f"throttle:{self.scope}:{client_ip(request) or 'unknown'}"

    def blocked(self, request) -> bool:
        return cache.get(self._key(request), 0) >= self.limit

    def failed(self, request) -> None:
        key = self._key(request)
        # add() starts the window; incr() keeps its expiry, so the window does not slide.
        if not cache.add(key, 1, self.window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, self.window)

    def hit(self, key: str) -> bool:
        """Count one use under `key` (a device, not an address); True once past the limit.
        One round trip to the cache in the usual case: the lobby's endpoint is fast."""
        full = f"throttle:{self.scope}:{key}"
        try:
            count = cache.incr(full)
        except ValueError:  # the first use in this window
            if cache.add(full, 1, self.window):
                return self.limit < 1
            count = cache.incr(full)
        return count > self.limit
