"""What groups adds to the main menu and the start page."""

from django.utils.translation import gettext_lazy as _

from groups.permissions import can_list_runs
from socialwork.core.navigation import MenuEntry, register_menu_entry, register_start_card
from socialwork.people.models import CLIENT_WORK_ROLES
from socialwork.people.permissions import has_role

register_menu_entry(
    MenuEntry(
        key="groups",
        label=_("Groups"),
        url_name="groups:run_list",
        allowed=can_list_runs,
        order=20,
        prefixes=("groups:",),
    )
)


@register_start_card("groups", order=20)
def my_groups_card(user):
    return ("groups/start/my_groups.html", {}) if has_role(user, *CLIENT_WORK_ROLES) else None
