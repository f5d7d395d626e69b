"""What messaging adds to the main menu."""

from django.utils.translation import gettext_lazy as _

from socialwork.core.navigation import MenuEntry, register_menu_entry
from socialwork.messaging.permissions import can_print_letters, can_view_outbox

register_menu_entry(
    MenuEntry(
        key="letters",
        label=_("Letters"),
        url_name="messaging:letter_list",
        allowed=can_print_letters,
        order=70,
        prefixes=("messaging:letter",),
    )
)
register_menu_entry(
    MenuEntry(
        key="outbox",
        label=_("Messages"),
        url_name="messaging:outbox_list",
        allowed=can_view_outbox,
        order=80,
        prefixes=("messaging:outbox",),
    )
)
