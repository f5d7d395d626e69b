"""Django's admin, for administrators only, decided by the administrator role."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from socialwork.people.permissions import can_use_admin


class SocialworkAdminSite(admin.AdminSite):
    site_header = _("socialwork administration")
    site_title = _("socialwork administration")
    index_title = _("Settings and registers")

    def has_permission(self, request):
        return can_use_admin(request.user)

    def login(self, request, extra_context=None):
        # One login page for everyone (with lockout and audit); a logged-in member of staff
        # without the administrator role is refused, not asked to log in again.
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next", self.index_url()))

    def index_url(self):
        from django.urls import reverse

        return reverse(f"{self.name}:index")


site = SocialworkAdminSite(name="admin")


class AdministratorAdmin(admin.ModelAdmin):
    """Administrators hold every model permission in the admin; nobody else enters it."""

    def has_module_permission(self, request):
        return site.has_permission(request)

    def has_view_permission(self, request, obj=None):
        return site.has_permission(request)

    def has_add_permission(self, request):
        return site.has_permission(request)

    def has_change_permission(self, request, obj=None):
        return site.has_permission(request)

    def has_delete_permission(self, request, obj=None):
        return site.has_permission(request)


class LabelledInlineFormSet(BaseInlineFormSet):
    """A table row of an inline shows its column headings, not labels: a screen reader
    would meet fields without a name (WCAG 4.1.2). Each field, the delete box too, gets
    its label and row number as its accessible name."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = index + 1 if index is not None else _("new")
        for field in form.fields.values():
            name = _("%(field)s, row %(row)s") % {"field": field.label, "row": row}
            # A related field's select sits inside the admin's wrapper, whose copy per form
            # does not share the inner widget's attributes.
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs.setdefault("aria-label", name)


class AdministratorInline(admin.TabularInline):
    formset = LabelledInlineFormSet

    def has_view_permission(self, request, obj=None):
        return site.has_permission(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission
