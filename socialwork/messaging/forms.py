import json

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from socialwork.messaging import kinds
from socialwork.messaging.models import MessageTemplate
from socialwork.messaging.sms import GSM7_BASIC, GSM7_EXTENDED, segments

# A template longer than this (with typical values filled in) costs too much per person.
MAX_SEGMENTS = 4


class SegmentCountTextarea(forms.Textarea):
    """A textarea that counts, as you type, how many text messages the words take with
    typical values in the placeholders (static/messaging/segments.js; the same rules as
    socialwork.messaging.sms.segments)."""

    template_name = "messaging/widgets/segment_count.html"

    class Media:
        js = ["messaging/segments.js"]

    def __init__(self, *args, example=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.example = example or {}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-segments": "",
                "data-gsm": "".join(sorted(GSM7_BASIC)),
                "data-gsm-extended": "".join(sorted(GSM7_EXTENDED)),
                "data-example": json.dumps(self.example),
                "data-label-one": ngettext(
                    "{encoding}: {characters} characters, {segments} text message",
                    "{encoding}: {characters} characters, {segments} text messages",
                    1,
                ),
                "data-label-many": ngettext(
                    "{encoding}: {characters} characters, {segments} text message",
                    "{encoding}: {characters} characters, {segments} text messages",
                    2,
                ),
                "data-label-ucs2": str(
                    _(
                        "These characters are outside the GSM-7 alphabet, so one text message "
                        "holds only 70 characters: {characters}"
                    )
                ),
            }
        )
        text = kinds.render(value or "", self.example)
        context["count"] = segments(text)
        return context


class MessageTemplateForm(forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kinds.get_kind(self.instance.purpose)
        example = self.kind.example if self.kind else {}
        self.fields["text"].widget = SegmentCountTextarea(attrs={"rows": 4}, example=example)
        if self.kind:
            self.fields["text"].help_text = _("Placeholders: %(list)s") % {
                "list": ", ".join(
                    f"{{{name}}} ({meaning})" for name, meaning in self.kind.placeholders.items()
                )
            }

    def clean_text(self):
        # Browsers send line breaks as CRLF; a text message carries one character for each.
        text = self.cleaned_data["text"].replace("\r\n", "\n").strip()
        allowed = set(self.kind.placeholders) if self.kind else set()
        unknown = sorted(kinds.placeholders_in(text) - allowed)
        if unknown:
            raise forms.ValidationError(
                _("Unknown placeholder: %(unknown)s. Use only: %(allowed)s."),
                params={
                    "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                    "allowed": ", ".join(f"{{{name}}}" for name in sorted(allowed)),
                },
            )
        count = segments(kinds.render(text, self.kind.example if self.kind else {}))
        if count.segments > MAX_SEGMENTS:
            raise forms.ValidationError(
                _(
                    "With typical details this takes %(count)d text messages. Shorten it to "
                    "at most %(max)d."
                ),
                params={"count": count.segments, "max": MAX_SEGMENTS},
            )
        return text
