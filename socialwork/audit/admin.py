from django.contrib import admin

from socialwork.audit.models import AuditEvent
from socialwork.core.admin import site


@admin.register(AuditEvent, site=site)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, also for administrators."""

    list_display = ["at", "actor_label", "action", "object_type", "object_label", "unit"]
    list_filter = ["action", "object_type", "unit"]
    search_fields = ["actor_label", "object_label", "object_id"]
    date_hierarchy = "at"
    list_select_related = ["unit"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return site.has_permission(request)
