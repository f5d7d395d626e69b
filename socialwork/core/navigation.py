"""The main menu, built from the same permission predicates that guard the pages."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from feedback.permissions import can_open_feedback
from groups.permissions import can_list_runs
from socialwork.audit.permissions import can_view_audit_log
from socialwork.core.permissions import FEATURE_ACCESS, can_use_app
from socialwork.messaging.permissions import can_print_letters, can_view_outbox
from socialwork.people.permissions import can_list_clients, can_use_admin


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    key: str


# (key, label, url name, predicate); order is the order in the menu.
MENU = [
    ("home", _("Start"), "core:home", can_use_app),
    ("clients", _("Clients"), "people:client_list", can_list_clients),
    ("groups", _("Groups"), "groups:run_list", can_list_runs),
    ("councils", _("Client councils"), "core:councils", FEATURE_ACCESS["councils"]),
    ("experts", _("Experience experts"), "core:experts", FEATURE_ACCESS["experts"]),
    ("feedback", _("Feedback"), "feedback:home", can_open_feedback),
    ("reports", _("Reports"), "core:reports", FEATURE_ACCESS["reports"]),
    ("letters", _("Letters"), "messaging:letter_list", can_print_letters),
    ("outbox", _("Messages"), "messaging:outbox_list", can_view_outbox),
    ("partners", _("Partners"), "people:partner_list", can_use_app),
    ("audit", _("Audit log"), "audit:event_list", can_view_audit_log),
]


def menu_for(user) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [NavItem(str(label), reverse(name), key) for key, label, name, ok in MENU if ok(user)]


def admin_link_for(user) -> str | None:
    return reverse("admin:index") if can_use_admin(user) else None


def active_key(match) -> str | None:
    """Which menu item the current page belongs to."""
    if match is None:
        return None
    name = match.view_name
    if name.startswith("people:partner"):
        return "partners"
    if name.startswith("people:"):
        return "clients"
    if name.startswith("audit:"):
        return "audit"
    if name.startswith("messaging:letter"):
        return "letters"
    if name.startswith("messaging:outbox"):
        return "outbox"
    if name.startswith("feedback:"):
        return "feedback"
    if name.startswith("groups:"):
        return "groups"
    if name.startswith("core:"):
        return name.removeprefix("core:")
    return None
