"""What the audit log adds to the main menu."""

from django.utils.translation import gettext_lazy as _

from socialwork.audit.permissions import can_view_audit_log
from socialwork.core.navigation import MenuEntry, register_menu_entry

register_menu_entry(
    MenuEntry(
        key="audit",
        label=_("Audit log"),
        url_name="audit:event_list",
        allowed=can_view_audit_log,
        order=100,
        prefixes=("audit:",),
    )
)
