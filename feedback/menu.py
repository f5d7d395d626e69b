"""What feedback adds to the main menu."""

from django.utils.translation import gettext_lazy as _

from feedback.permissions import can_open_feedback
from socialwork.core.navigation import MenuEntry, register_menu_entry

register_menu_entry(
    MenuEntry(
        key="feedback",
        label=_("Feedback"),
        url_name="feedback:home",
        allowed=can_open_feedback,
        order=50,
        prefixes=("feedback:",),
    )
)
