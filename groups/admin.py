"""Administrators keep the programme templates and the session evaluation questions."""

from django.contrib import admin

from groups.models import EvaluationQuestion, EvaluationQuestionSet, Programme
from socialwork.core.admin import AdministratorAdmin, AdministratorInline, site


class EvaluationQuestionInline(AdministratorInline):
    model = EvaluationQuestion
    extra = 0
    fields = ["order", "kind", "text_fi", "text_sv", "text_en", "required"]


@admin.register(EvaluationQuestionSet, site=site)
class EvaluationQuestionSetAdmin(AdministratorAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    inlines = [EvaluationQuestionInline]


@admin.register(Programme, site=site)
class ProgrammeAdmin(AdministratorAdmin):
    list_display = ["name", "cadence", "session_count", "service_basis", "is_active"]
    list_filter = ["service_basis", "cadence", "is_active"]
    search_fields = ["name", "purpose"]
