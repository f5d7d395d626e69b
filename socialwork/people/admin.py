from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from socialwork.core.admin import AdministratorAdmin, AdministratorInline, site
from socialwork.people import second_factor
from socialwork.people.models import PartnerOrganisation, RoleAssignment, Unit, User
from socialwork.people.services import role_assign, role_revoke, sync_admin_flag

# Clients are deliberately not in the admin: client data is read and changed only through
# the pages that check need-to-know and write the audit log.


class RoleAssignmentInline(AdministratorInline):
    model = RoleAssignment
    extra = 1
    fields = ["role", "unit"]


@admin.register(User, site=site)
class UserAdmin(AdministratorAdmin, DjangoUserAdmin):
    inlines = [RoleAssignmentInline]
    list_display = [
        "username",
        "first_name",
        "last_name",
        "title",
        "is_active",
        "has_second_factor",
        "last_login",
    ]
    actions = ["second_factor_reset"]
    list_filter = ["is_active", "role_assignments__role", "role_assignments__unit"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Personal info"),
            {
                "fields": (
                    "first_name",
                    "last_name",
                    "title",
                    "email",
                    "phone",
                    "preferred_language",
                )
            },
        ),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        # Whether each account has its authenticator app, in the list's one query.
        return (
            super()
            .get_queryset(request)
            .annotate(
                second_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
            )
        )

    @admin.display(boolean=True, description=_("Authenticator app"), ordering="second_factor")
    def has_second_factor(self, obj):
        return obj.second_factor

    @admin.action(description=_("Reset the second factor (lost phone)"))
    def second_factor_reset(self, request, queryset):
        """The user's app and recovery codes go; their next login sets a new app up. Each
        reset is in the audit log, by whom and for whom."""
        users = list(queryset)
        for user in users:
            second_factor.reset(actor=request.user, user=user)
        self.message_user(
            request,
            ngettext(
                "The second factor of %(count)d account was reset. At the next login it sets "
                "up a new authenticator app.",
                "The second factors of %(count)d accounts were reset. At the next login each "
                "sets up a new authenticator app.",
                len(users),
            )
            % {"count": len(users)},
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        # Roles decide who sees client data: change them through the services, which write
        # the audit log, never by saving the rows directly.
        instances = formset.save(commit=False)
        for assignment in formset.deleted_objects:
            role_revoke(actor=request.user, assignment=assignment)
        for assignment in instances:
            if assignment.pk:
                role_revoke(
                    actor=request.user, assignment=RoleAssignment.objects.get(pk=assignment.pk)
                )
            role_assign(
                actor=request.user, user=form.instance, role=assignment.role, unit=assignment.unit
            )
        return None

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        sync_admin_flag(form.instance)


@admin.register(Unit, site=site)
class UnitAdmin(AdministratorAdmin):
    list_display = ["name", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]


@admin.register(PartnerOrganisation, site=site)
class PartnerOrganisationAdmin(AdministratorAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "contact_person", "phone", "email", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "contact_person"]
