"""Sections that other apps add to the client page, so that people does not import them.

A section is fn(user, client) -> (template name, context) or None when the user should see
nothing of it. The client page renders each in turn, below its own sections.
"""

from collections.abc import Callable

ClientSection = Callable[[object, object], tuple[str, dict] | None]
_sections: list[ClientSection] = []


def register_client_section(section: ClientSection) -> ClientSection:
    _sections.append(section)
    return section


def client_sections(user, client) -> list[tuple[str, dict]]:
    return [shown for section in _sections if (shown := section(user, client)) is not None]
