import contextlib
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class RequestInfo:
    ip_address: str | None
    path: str


_current: ContextVar[RequestInfo | None] = ContextVar("audit_request", default=None)


def client_ip(request) -> str | None:
    """The client's address, also for the login lockout (AXES_CLIENT_IP_CALLABLE).

    Behind PROXY_COUNT trusted reverse proxies REMOTE_ADDR is the nearest proxy; each proxy
    appends the address it received from to X-Forwarded-For, so the client is the entry
    PROXY_COUNT places from the end. Entries further left are whatever the client claimed and
    are never trusted."""
    count = settings.SOCIALWORK_PROXY_COUNT
    if count:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR") or None


@contextlib.contextmanager
def request_context(request):
    token = _current.set(RequestInfo(ip_address=client_ip(request), path=request.path[:500]))
    try:
        yield
    finally:
        _current.reset(token)


def current_request() -> RequestInfo | None:
    return _current.get()
