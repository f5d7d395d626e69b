from django.contrib import admin

from participation.models import Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    """The themes social reports are tagged with: kept by the administrators."""

    list_display = ("name_fi", "name_sv", "name_en", "order", "is_active")
    list_editable = ("order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name_fi", "name_sv", "name_en")
