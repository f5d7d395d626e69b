"""What participation adds to the main menu and the start page."""

from django.utils.translation import gettext_lazy as _

from participation import permissions, selectors
from socialwork.core.navigation import MenuEntry, register_menu_entry, register_start_card

register_menu_entry(
    MenuEntry(
        key="participation",
        label=_("Social reporting"),
        url_name="participation:sora",
        allowed=permissions.can_report,
        order=45,
        prefixes=("participation:sora",),
    )
)

register_menu_entry(
    MenuEntry(
        key="participation_events",
        label=_("Events"),
        url_name="participation:events",
        allowed=permissions.can_open_events,
        order=46,
        prefixes=("participation:event",),
    )
)

register_menu_entry(
    MenuEntry(
        key="participation_clock",
        label=_("Annual clock"),
        url_name="participation:clock",
        allowed=permissions.can_open_clock,
        order=47,
        prefixes=("participation:clock",),
    )
)


@register_start_card("participation", order=45)
def open_collections_card(user):
    """A collection that asks for the user's observations, until it closes."""
    if not permissions.can_report(user):
        return None
    collections = list(selectors.open_collections_for(user)[:3])
    if not collections:
        return None
    return "participation/start/collections.html", {"sora_collections": collections}
