"""What people adds to the main menu and the start page."""

from django.utils.translation import gettext_lazy as _

from socialwork.core.navigation import MenuEntry, register_menu_entry, register_start_card
from socialwork.people import selectors
from socialwork.people.models import CLIENT_WORK_ROLES, Role
from socialwork.people.permissions import (
    can_list_clients,
    has_role,
    is_administrator,
    is_staff_member,
    unit_ids_with_role,
)

register_menu_entry(
    MenuEntry(
        key="clients",
        label=_("Clients"),
        url_name="people:client_list",
        allowed=can_list_clients,
        order=10,
        prefixes=("people:",),
    )
)
register_menu_entry(
    MenuEntry(
        key="partners",
        label=_("Partners"),
        url_name="people:partner_list",
        allowed=is_staff_member,
        order=90,
        prefixes=("people:partner",),
    )
)


@register_start_card("clients", order=10)
def my_clients_card(user):
    if not has_role(user, *CLIENT_WORK_ROLES):
        return None
    return "people/start/my_clients.html", {
        "my_client_count": selectors.named_worker_client_count(user)
    }


@register_start_card("units", order=30)
def units_card(user):
    supervised = unit_ids_with_role(user, Role.SUPERVISOR)
    if not supervised:
        return None
    return "people/start/units.html", {"units": selectors.units_with_client_counts(supervised)}


@register_start_card("administration", order=80)
def administration_card(user):
    return ("people/start/administration.html", {}) if is_administrator(user) else None


@register_start_card("partners", order=90)
def partners_card(user):
    return ("people/start/partners.html", {}) if is_staff_member(user) else None
