"""What reporting adds to the main menu and the start page."""

from django.utils.translation import gettext_lazy as _

from reporting.permissions import can_open_reports
from socialwork.core.navigation import MenuEntry, register_menu_entry, register_start_card
from socialwork.people.models import Role
from socialwork.people.permissions import has_role

register_menu_entry(
    MenuEntry(
        key="reports",
        label=_("Reports"),
        url_name="reporting:home",
        allowed=can_open_reports,
        order=60,
        prefixes=("reporting:",),
    )
)


@register_start_card("reports", order=60)
def reports_card(user):
    # Only for those who lead a unit or the organisation; an administrator finds reports
    # in the menu.
    if not has_role(user, Role.SUPERVISOR, Role.MANAGEMENT):
        return None
    return "reporting/start.html", {}
