"""Tokens of secret links: made at random, kept sealed under SECRET_KEY, and found again by
a keyed hash (see models.SecretLink). Pure functions: no database.

Sealing is a one-time pad drawn from an HMAC of the key and a per-link salt. Whoever reads
the database without the key learns neither the token nor anything to try tokens against;
the application, which has the key, can show a link again. Old keys in SECRET_KEY_FALLBACKS
still open and unseal the links made under them.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

from socialwork.links.purposes import Purpose, get_purpose

_SEAL_SALT = b"socialwork.links.seal"
_LOOKUP_SALT = b"socialwork.links.lookup"


def _keys() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def _subkey(key: str, salt: bytes) -> bytes:
    return hashlib.sha512(salt + key.encode()).digest()


def _pad(key: str, salt: str, length: int) -> bytes:
    subkey = _subkey(key, _SEAL_SALT)
    blocks = b""
    counter = 0
    while len(blocks) < length:
        blocks += hmac.new(subkey, f"{salt}:{counter}".encode(), "sha512").digest()
        counter += 1
    return blocks[:length]


def new_token(purpose: Purpose) -> str:
    return "".join(secrets.choice(purpose.alphabet) for _ in range(purpose.length))


def seal(token: str, key: str | None = None) -> str:
    data = token.encode()
    salt = secrets.token_hex(8)
    pad = _pad(key or settings.SECRET_KEY, salt, len(data))
    return f"{salt}:{bytes(a ^ b for a, b in zip(data, pad, strict=True)).hex()}"


def _unseal(sealed: str, key: str) -> str | None:
    salt, _, cipher = sealed.partition(":")
    try:
        data = bytes.fromhex(cipher)
        pad = _pad(key, salt, len(data))
        return bytes(a ^ b for a, b in zip(data, pad, strict=True)).decode()
    except (ValueError, UnicodeDecodeError):
        return None


def _lookup_hash(token: str, key: str) -> str:
    return hmac.new(_subkey(key, _LOOKUP_SALT), token.encode(), "sha256").hexdigest()


def lookup_hashes(token: str) -> list[str]:
    """The hash a stored link has for this (normalised) token: under the current key first,
    then under each old key."""
    return [_lookup_hash(token, key) for key in _keys()]


def lookup_hash(purpose: str, token: str) -> str:
    """The hash to store for a token under the current key (data migrations use it too)."""
    return _lookup_hash(get_purpose(purpose).normalise(token), settings.SECRET_KEY)


def token_of(link) -> str | None:
    """The link's token, unsealed; None for a link whose token was never kept (it may still
    open, but nobody can be shown it again)."""
    if not link.sealed:
        return None
    for key in _keys():
        token = _unseal(link.sealed, key)
        if token is not None and hmac.compare_digest(_lookup_hash(token, key), link.token_hash):
            return token
    return None
