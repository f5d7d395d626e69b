"""What the product sends, registered by the apps that send it.

A *kind* of message (for example a group session reminder) has a label, placeholders and
default words per language; administrators change the words in the admin, never the
placeholders. A *reminder source* (for example group sessions, later council meetings and
expert bookings) tells the reminder scan which clients to remind of what, and when it
starts; the scan does the rest (the day before at the set time, channels, consent, quiet
hours, never twice). Apps register both in their AppConfig.ready().
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise

PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class MessageKind:
    purpose: str
    label: Promise | str
    # The e-mail subject and the heading of a letter, translated into the client's language.
    subject: Promise | str
    # name -> what it stands for, shown to the administrator editing the words.
    placeholders: dict[str, Promise | str]
    # language -> the words before anyone changes them.
    defaults: dict[str, str]
    # name -> a typical value, so that the live SMS count measures a real message.
    example: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Reminder:
    """One client to be reminded of one thing that starts at a given time."""

    client: object  # socialwork.people.models.Client
    about: Model
    starts_at: datetime
    # Unique per thing, start time and client: a thing moved to a new time gets a new
    # reminder, the same thing at the same time never a second one.
    key: str
    # language -> placeholder values (dates and times are written differently per language).
    context: Callable[[str], dict[str, str]]
    # A secret link the message carries: its address replaces {link} when it is sent.
    link: object = None


@dataclass(frozen=True)
class ReminderSource:
    name: str
    purpose: str  # the MessageKind the reminders are written with
    # fn(start, end) -> the reminders for things that start in [start, end). Called inside
    # the scan's transaction; it should lock the things (FOR NO KEY UPDATE) so that a
    # cancellation committed meanwhile is seen, and prefetch the clients.
    upcoming: Callable[[datetime, datetime], Iterable[Reminder]]


_kinds: dict[str, MessageKind] = {}
_sources: dict[str, ReminderSource] = {}
# fn(user) -> Q over Message: the letters this user prints (the people who run the thing
# a letter is about, not everyone who can see the client).
_letter_scopes: list[Callable] = []


def register_kind(kind: MessageKind) -> MessageKind:
    for language, text in kind.defaults.items():
        unknown = placeholders_in(text) - set(kind.placeholders)
        if unknown:
            raise ValueError(f"{kind.purpose} ({language}): unknown placeholders {unknown}")
    _kinds[kind.purpose] = kind
    return kind


def register_reminder_source(source: ReminderSource) -> ReminderSource:
    if source.purpose not in _kinds:
        raise ValueError(f"register the message kind {source.purpose} first")
    _sources[source.name] = source
    return source


def register_letter_scope(scope: Callable) -> Callable:
    _letter_scopes.append(scope)
    return scope


def letter_scopes() -> list[Callable]:
    return list(_letter_scopes)


def get_kind(purpose: str) -> MessageKind | None:
    return _kinds.get(purpose)


def label_of(purpose: str):
    """The kind's label, or the purpose itself for a kind no longer registered."""
    kind = _kinds.get(purpose)
    return kind.label if kind else purpose


def all_kinds() -> list[MessageKind]:
    return list(_kinds.values())


def reminder_sources() -> list[ReminderSource]:
    return list(_sources.values())


def placeholders_in(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def render(text: str, context: dict[str, str]) -> str:
    """Fill in {name} placeholders. Deliberately not str.format: the words are edited in the
    admin, and format() would let "{client.__class__}" reach into objects."""
    return PLACEHOLDER.sub(lambda m: str(context.get(m[1], m[0])), text).strip()


def when(moment: datetime, language: str) -> dict[str, str]:
    """The "weekday", "date" and "time" placeholders of a moment, in local time, as the
    language writes them in running text (call with that language active)."""
    local = timezone.localtime(moment)
    weekday = date_format(local, "l")
    return {
        # In Finnish and Swedish a weekday in running text has no capital.
        "weekday": weekday if language == "en" else weekday.lower(),
        "date": date_format(local, "j.n.Y"),
        "time": date_format(local, "H:i" if language == "en" else "G.i"),
    }
