"""Administrators change the words of the messages. Messages themselves are not in the
admin: a message names a client and their number, and the administrator role reads no
client data. The outbox page shows administrators the messages' state without who they
went to."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from socialwork.core.admin import AdministratorAdmin, site
from socialwork.messaging import kinds
from socialwork.messaging.forms import MessageTemplateForm
from socialwork.messaging.models import MessageTemplate
from socialwork.messaging.sms import segments


@admin.register(MessageTemplate, site=site)
class MessageTemplateAdmin(AdministratorAdmin):
    form = MessageTemplateForm
    list_display = ["kind_label", "language", "text", "text_messages", "updated_at"]
    list_filter = ["language", "purpose"]
    search_fields = ["text"]
    readonly_fields = ["kind_label", "language", "updated_at", "updated_by"]
    fields = ["kind_label", "language", "text", "updated_at", "updated_by"]
    actions = ["restore_defaults"]

    # The kinds and languages come from the code; there is nothing to add or remove.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("message"), ordering="purpose")
    def kind_label(self, obj):
        return kinds.label_of(obj.purpose)

    @admin.display(description=_("text messages with typical details"))
    def text_messages(self, obj):
        kind = kinds.get_kind(obj.purpose)
        count = segments(kinds.render(obj.text, kind.example if kind else {}))
        return f"{count.segments} ({count.encoding})"

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Restore the original words"))
    def restore_defaults(self, request, queryset):
        restored = 0
        for template in queryset:
            kind = kinds.get_kind(template.purpose)
            if kind and template.language in kind.defaults:
                template.text = kind.defaults[template.language]
                template.updated_by = request.user
                template.save(update_fields=["text", "updated_by", "updated_at"])
                restored += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d template has its original words again.",
                "%(count)d templates have their original words again.",
                restored,
            )
            % {"count": restored},
            messages.SUCCESS,
        )
