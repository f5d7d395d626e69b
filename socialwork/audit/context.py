import contextlib
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestInfo:
    ip_address: str | None
    path: str


_current: ContextVar[RequestInfo | None] = ContextVar("audit_request", default=None)


def client_ip(request) -> str | None:
    # Behind the reverse proxy REMOTE_ADDR is the proxy; axes already resolves the client
    # address with the configured proxy count, so reuse its answer when it is there.
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR") or None


@contextlib.contextmanager
def request_context(request):
    token = _current.set(RequestInfo(ip_address=client_ip(request), path=request.path[:500]))
    try:
        yield
    finally:
        _current.reset(token)


def current_request() -> RequestInfo | None:
    return _current.get()
