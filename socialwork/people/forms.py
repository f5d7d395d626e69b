import phonenumbers
from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from socialwork.core.forms import CrispyMixin, DateInput
from socialwork.people.models import (
    CLIENT_EDITABLE_FIELDS,
    Client,
    Consent,
    Language,
    Unit,
    User,
)
from socialwork.people.selectors import units_for_client_creation, workers_in_units


class ClientForm(forms.ModelForm):
    sms_consent = forms.BooleanField(
        label=_("The client agrees to receive SMS reminders"),
        required=False,
        help_text=_("Ask the client. The date is recorded, and consent can be withdrawn."),
    )

    class Meta:
        model = Client
        fields = CLIENT_EDITABLE_FIELDS

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for_client_creation(user)
        if self.instance.pk:
            # Keep the client's current unit selectable even if the editor works elsewhere.
            units = Unit.objects.filter(Q(pk__in=units.values("pk")) | Q(pk=self.instance.unit_id))
        self.fields["unit"].queryset = units
        workers = workers_in_units(list(self.fields["unit"].queryset.values_list("pk", flat=True)))
        if self.instance.pk and self.instance.named_worker_id:
            # Keep the current worker even if they have moved or left, so that saving an
            # unrelated change does not silently empty the field.
            workers = User.objects.filter(
                Q(pk__in=workers.values("pk")) | Q(pk=self.instance.named_worker_id)
            ).order_by("last_name", "first_name")
        self.fields["named_worker"].queryset = workers
        self.fields["named_worker"].label_from_instance = lambda u: u.get_full_name() or u.username
        if self.instance.pk:
            self.fields["sms_consent"].initial = self.instance.has_sms_consent
        self.fields["reminder_channel"].required = False
        for name in ("first_name", "last_name"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs.update({"type": "tel", "inputmode": "tel"})
        self.fields["phone"].error_messages["invalid"] = _(
            "Enter a valid mobile number, for example 040 123 4567 or +358 40 123 4567."
        )
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_reminder_channel(self):
        # Left out of a form (an older page still open in a tab): keep what the record has.
        return self.cleaned_data.get("reminder_channel") or (
            self.instance.reminder_channel if self.instance.pk else Client.ReminderChannel.SMS
        )

    def clean_phone(self):
        phone = self.cleaned_data.get("phone")
        if phone and phonenumbers.number_type(phone) not in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        ):
            raise forms.ValidationError(
                _("This is not a mobile number. SMS reminders need a mobile number.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sms_consent") and not cleaned.get("phone"):
            self.add_error(
                "phone", _("SMS reminders need a mobile number. Add one or untick SMS consent.")
            )
        return cleaned


class ConsentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Consent to"), choices=Consent.Kind.choices)
    details = forms.CharField(
        label=_("Details"),
        max_length=500,
        required=False,
        help_text=Consent._meta.get_field("details").help_text,
    )

    def __init__(self, *args, client: Client, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if self.client.consents.filter(kind=kind, withdrawn_at__isnull=True).exists():
            raise forms.ValidationError(
                _("This consent is already in force. Withdraw it first to record a new one.")
            )
        if kind == Consent.Kind.SMS and not self.client.phone:
            raise forms.ValidationError(_("SMS reminders need a mobile number. Add one first."))
        return kind


class SecondFactorForm(forms.Form):
    """A code from the authenticator app (six digits) or a recovery code (eight letters and
    digits)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("The six digits your authenticator app shows now, or a recovery code."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "class": "form-control-lg",
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split()).replace("-", "")
        if not (code.isdigit() and len(code) == 6) and not (code.isalnum() and len(code) == 8):
            raise forms.ValidationError(
                _(
                    "Type the six digits from the app, or one of your eight-character "
                    "recovery codes."
                )
            )
        return code


class SetupCodeForm(SecondFactorForm):
    """The first code from a newly added app: only the app's six digits will do."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = _("The six digits the app shows for this account.")
        self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Type the six digits the app shows."))
        return code


class AccessReportForm(CrispyMixin, forms.Form):
    """The period and language of a client's access report."""

    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To (inclusive)"), widget=DateInput())
    language = forms.ChoiceField(
        label=_("Language of the report"),
        choices=Language.choices,
        help_text=_("The client's own language is chosen first."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        return cleaned


class DataExportForm(CrispyMixin, forms.Form):
    """The language of the client's copy of their data."""

    language = forms.ChoiceField(
        label=_("Language of the copy"),
        choices=Language.choices,
        help_text=_("The client's own language is chosen first."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()
