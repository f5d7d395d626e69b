from django.apps import apps
from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from socialwork.audit.models import AuditEvent
from socialwork.audit.selectors import audit_event_list_for_user
from socialwork.core.admin import site


class ObjectTypeFilter(admin.SimpleListFilter):
    """Object types by their names; events about no object (logins) get words too, where
    Django's own filter would show an empty link."""

    title = _("object type")
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        types = AuditEvent.objects.order_by().values_list("object_type", flat=True).distinct()
        return sorted(((t, _type_label(t)) for t in types), key=lambda pair: str(pair[1]))

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(object_type=self.value())


def _type_label(object_type: str):
    if not object_type:
        return _("No object (logins and the like)")
    try:
        return capfirst(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


@admin.register(AuditEvent, site=site)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, also for administrators."""

    list_display = ["at", "actor_label", "action", "object_type", "object_shown", "unit"]
    list_filter = ["action", ObjectTypeFilter, "unit"]
    # Not the object's name: a search would tell an administrator whose records were read.
    search_fields = ["actor_label"]
    fields = [
        "at",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "object_shown",
        "unit",
        "changed_fields",
        "ip_address",
        "path",
    ]
    readonly_fields = fields
    date_hierarchy = "at"
    list_select_related = ["unit"]

    def get_queryset(self, request):
        return audit_event_list_for_user(request.user)

    @admin.display(description=_("object"))
    def object_shown(self, event):
        return event.shown_label or "–"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return site.has_permission(request)
