"""What removing a client takes with it, told by the apps that hold the client's data, so
that people imports none of them (like sections.py).

A removal handler is registered with `register_client_removal(describe=..., remove=...)`:
`describe(client)` returns lines for the confirmation page ("3 messages: the number and the
words are removed"), `remove(client)` runs inside the removal's transaction, before the
client row goes, and anonymises what must stay for the figures (a group's attendance and
evaluation counts) or removes what must not.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RemovalHandler:
    describe: Callable[[object], list[str]]
    remove: Callable[[object], None]


_handlers: list[RemovalHandler] = []


def register_client_removal(*, describe, remove) -> RemovalHandler:
    handler = RemovalHandler(describe=describe, remove=remove)
    _handlers.append(handler)
    return handler


def removal_description(client) -> list[str]:
    return [line for handler in _handlers for line in handler.describe(client)]


def removal_run(client) -> None:
    for handler in _handlers:
        handler.remove(client)
