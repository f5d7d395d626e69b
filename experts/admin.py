"""Administrators keep the outside orderers' billing details.

Nothing of the experts themselves is in the admin: an expert is a client, and their private
file, interview, CVs, bookings and fees are read by the expert coordinator alone, on the
coordinator's pages, where every opening is in the audit log (domain guide §8.13)."""

from django.contrib import admin

from experts.models import Organisation
from socialwork.core.admin import AdministratorAdmin, site


@admin.register(Organisation, site=site)
class OrganisationAdmin(AdministratorAdmin):
    list_display = ["name", "business_id", "contact_person", "email"]
    search_fields = ["name", "business_id"]
