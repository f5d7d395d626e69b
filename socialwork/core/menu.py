"""The start page's own menu entry."""

from django.utils.translation import gettext_lazy as _

from socialwork.core.navigation import MenuEntry, register_menu_entry
from socialwork.core.permissions import can_use_app

register_menu_entry(
    MenuEntry(key="home", label=_("Start"), url_name="core:home", allowed=can_use_app, order=0)
)
