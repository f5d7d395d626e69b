"""What councils adds to the main menu and the start page."""

from django.utils.translation import gettext_lazy as _

from councils.permissions import can_open_councils
from socialwork.core.navigation import MenuEntry, register_menu_entry

register_menu_entry(
    MenuEntry(
        key="councils",
        label=_("Client councils"),
        url_name="councils:home",
        allowed=can_open_councils,
        order=30,
        prefixes=("councils:",),
    )
)
