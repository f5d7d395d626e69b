"""What experts adds to the main menu and the start page."""

from django.utils.translation import gettext_lazy as _

from experts.permissions import can_open_experts
from socialwork.core.navigation import MenuEntry, register_menu_entry, register_start_card
from socialwork.people.models import Role
from socialwork.people.permissions import has_role

register_menu_entry(
    MenuEntry(
        key="experts",
        label=_("Experience experts"),
        url_name="experts:home",
        allowed=can_open_experts,
        order=40,
        prefixes=("experts:",),
    )
)


@register_start_card("experts", order=40)
def coordinator_card(user):
    if not has_role(user, Role.EXPERT_COORDINATOR):
        return None
    return "experts/start.html", {}
