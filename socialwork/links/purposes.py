"""What each kind of secret link is for, registered by the app that hands it out.

A purpose fixes what its tokens look like (length and alphabet: a six-character code read
out in a room, a long address that only a calendar program types), how many wrong tokens
one address may try before it waits, and whether opening the link is written in the audit
log. Apps register theirs on import, as message kinds do (messaging/kinds.py).
"""

import string
from dataclasses import dataclass

from socialwork.core.throttle import Throttle

URL_SAFE = string.ascii_letters + string.digits + "-_"
# No look-alikes (0/O, 1/I/L): for codes typed from a screen or from paper.
READABLE_UPPER = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
READABLE_LOWER = "abcdefghjkmnpqrstuvwxyz23456789"


@dataclass(frozen=True)
class Purpose:
    name: str
    length: int
    alphabet: str = URL_SAFE
    # Wrong tokens per client address in `window_seconds` before it has to wait.
    guesses: int = 20
    window_seconds: int = 15 * 60
    # Whether opening it is an event in the audit log. Off where the time of opening would
    # date an anonymous answer, or where a program polls the link every hour.
    audit: bool = True
    # Typed by hand: "abc 123", "ABC-123" and "ABC123" are the same code.
    typed: bool = False
    # Purposes that open the same thing count wrong guesses together (a link's two forms).
    guess_scope: str = ""
    # The page the link opens (a URL name taking `token`), for messages that carry it.
    url_name: str = ""

    def __post_init__(self):
        # Each token must be unguessable for its lifetime at the throttled rate.
        if len(self.alphabet) ** self.length < 10**8:
            raise ValueError(f"tokens of {self.name!r} are too easy to guess")

    @property
    def throttle(self) -> Throttle:
        return Throttle(
            f"link-{self.guess_scope or self.name}",
            limit=self.guesses,
            window_seconds=self.window_seconds,
        )

    def normalise(self, token: str) -> str:
        token = (token or "").strip()[:200]
        if self.typed:
            token = "".join(ch for ch in token if ch.isalnum())
            token = token.upper() if self.alphabet.isupper() else token.lower()
        return token

    def looks_right(self, token: str) -> bool:
        return len(token) == self.length and all(ch in self.alphabet for ch in token)


_purposes: dict[str, Purpose] = {}


def register_purpose(purpose: Purpose) -> Purpose:
    _purposes[purpose.name] = purpose
    return purpose


def get_purpose(name: str) -> Purpose:
    return _purposes[name]
