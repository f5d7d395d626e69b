"""What experts adds to the main menu and the start page."""

from django.utils.translation import gettext_lazy as _

from experts import permissions
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
    """The coordinator's day: new orders, acceptances to confirm, fees to approve, contact
    slips from people interested in the work. A worker sees their own open orders."""
    from experts import selectors

    if has_role(user, Role.EXPERT_COORDINATOR):
        return "experts/start.html", {"tasks": selectors.coordinator_tasks(user)}
    if permissions.can_order(user):
        orders = selectors.my_open_orders(user)
        if orders:
            return "experts/start_orders.html", {"orders": orders}
    return None
