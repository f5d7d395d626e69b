from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from socialwork.core.admin import AdministratorAdmin, site
from socialwork.links.models import SecretLink
from socialwork.links.services import link_revoke


@admin.register(SecretLink, site=site)
class SecretLinkAdmin(AdministratorAdmin):
    """Every link that opens something without a login, for revoking one at once (a lost
    phone, an address sent to the wrong person). The addresses themselves are not here."""

    list_display = ["__str__", "purpose", "created_at", "expires_at", "revoked_at", "use_count"]
    list_filter = ["purpose"]
    readonly_fields = [
        "purpose",
        "single_use",
        "created_by",
        "created_at",
        "expires_at",
        "revoked_at",
        "used_at",
        "last_used_at",
        "use_count",
    ]
    fields = readonly_fields
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # made by the feature that hands them out

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, so that what it opened still knows it had a link

    @admin.action(description=_("Revoke the selected links"))
    def revoke(self, request, queryset):
        count = sum(link_revoke(link=link, actor=request.user) for link in queryset)
        messages.success(
            request,
            ngettext("%(count)d link was revoked.", "%(count)d links were revoked.", count)
            % {"count": count},
        )
