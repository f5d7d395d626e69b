"""The main menu and the start page, as registries the apps fill from their AppConfig.ready.

Core knows no domain app: each app says what it adds (a menu entry guarded by the same
predicate as its pages, a card on the start page) and core only orders and shows them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from socialwork.people.permissions import can_use_admin


@dataclass(frozen=True)
class MenuEntry:
    key: str
    label: str
    url_name: str
    allowed: Callable[[object], bool]
    # Place in the menu: lower comes first (people 10-19, groups 20, councils 30 ...).
    order: int
    # View names starting with one of these belong to this entry (the longest match wins).
    prefixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    key: str


# fn(user) -> (template name, context) or None when the user should see nothing of it.
StartCard = Callable[[object], tuple[str, dict] | None]

_menu: dict[str, MenuEntry] = {}
_start_cards: dict[str, tuple[int, StartCard]] = {}


def register_menu_entry(entry: MenuEntry) -> MenuEntry:
    # Keyed, so that a module imported twice (autoreload, tests) does not add a second item.
    _menu[entry.key] = entry
    return entry


def register_start_card(key: str, order: int) -> Callable[[StartCard], StartCard]:
    def register(card: StartCard) -> StartCard:
        _start_cards[key] = (order, card)
        return card

    return register


def menu_entries() -> list[MenuEntry]:
    return sorted(_menu.values(), key=lambda entry: (entry.order, entry.key))


def menu_for(user) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        NavItem(str(entry.label), reverse(entry.url_name), entry.key)
        for entry in menu_entries()
        if entry.allowed(user)
    ]


def start_cards_for(user) -> list[tuple[str, dict]]:
    ordered = sorted(_start_cards.items(), key=lambda item: (item[1][0], item[0]))
    return [shown for _key, (_order, card) in ordered if (shown := card(user)) is not None]


def admin_link_for(user) -> str | None:
    return reverse("admin:index") if can_use_admin(user) else None


def active_key(match) -> str | None:
    """Which menu item the current page belongs to."""
    if match is None:
        return None
    name = match.view_name
    best, length = None, -1
    for entry in _menu.values():
        for prefix in entry.prefixes or (entry.url_name,):
            if name.startswith(prefix) and len(prefix) > length:
                best, length = entry.key, len(prefix)
    return best
