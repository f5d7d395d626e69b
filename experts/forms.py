from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from experts import cvform
from experts.models import (
    AREA_CODES,
    CV,
    AssignmentType,
    Booking,
    DiaryEntry,
    Expert,
    Gathering,
    Interview,
    Order,
    Organisation,
    Training,
)
from experts.models.orders import ConsentHow
from socialwork.core.forms import CrispyMixin, DateInput, TimeInput
from socialwork.core.schedules import wall_clock
from socialwork.people.models import CLIENT_WORK_ROLES, Client, Language, Unit, User
from socialwork.people.selectors import client_list_for_user


def staff_members():
    return User.objects.filter(is_active=True).order_by("last_name", "first_name")


def area_choices():
    language = (get_language() or "fi")[:2]
    return [(code, cvform.area_label(code, language)) for code in AREA_CODES]


class PersonForm(CrispyMixin, forms.Form):
    """How to reach the person: kept on their client record, read in the private file."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    phone = PhoneNumberField(label=_("Mobile number"), region="FI", required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    preferred_language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    reminder_channel = forms.ChoiceField(
        label=_("Messages by"), choices=Client.ReminderChannel.choices
    )
    sms_consent = forms.BooleanField(label=_("Has agreed to get text messages"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()

    def clean(self):
        data = super().clean()
        channel = data.get("reminder_channel")
        if channel == Client.ReminderChannel.EMAIL and not data.get("email"):
            self.add_error("email", _("Messages by e-mail need an e-mail address."))
        if channel == Client.ReminderChannel.SMS and not data.get("phone"):
            self.add_error("phone", _("Text messages need a mobile number."))
        return data

    def person(self) -> dict:
        data = self.cleaned_data
        return {
            "first_name": data["first_name"].strip(),
            "last_name": data["last_name"].strip(),
            "phone": data.get("phone") or "",
            "email": data.get("email") or "",
            "preferred_language": data["preferred_language"],
            "reminder_channel": data["reminder_channel"],
        }


class ExpertNewForm(PersonForm):
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.filter(is_active=True),
        help_text=_("The unit whose client record the person gets."),
    )
    source = forms.ChoiceField(label=_("Came through"), choices=Expert.Source.choices)
    referred_by = forms.ModelChoiceField(
        label=_("Referred by"), queryset=User.objects.none(), required=False
    )
    employment = forms.ChoiceField(label=_("Employment"), choices=Expert.Employment.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referred_by"].queryset = (
            staff_members().filter(role_assignments__role__in=list(CLIENT_WORK_ROLES)).distinct()
        )


class PrivateFileForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Expert
        fields = [
            "employment",
            "life_situation",
            "availability",
            "payroll_reference",
            "close_supervisor",
            "steering_group",
        ]
        widgets = {
            "life_situation": forms.Textarea(attrs={"rows": 3}),
            "availability": forms.Textarea(attrs={"rows": 2}),
            "steering_group": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()


class InterviewForm(CrispyMixin, forms.ModelForm):
    interviewers = forms.ModelMultipleChoiceField(
        label=_("Interviewers (two)"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Interview
        fields = ["held_on", "interviewers", *Interview.TEXT_FIELDS]
        widgets = {
            "held_on": DateInput(),
            **{f: forms.Textarea(attrs={"rows": 3}) for f in Interview.TEXT_FIELDS},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = (
            staff_members().exclude(role_assignments__isnull=True).distinct()
        )
        self._crispy()


class TrainingForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Training
        fields = ["provider", "year", "hours", "completed", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("year", timezone.localdate().year)
        self._crispy()

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 1990 <= year <= timezone.localdate().year + 1:
            raise forms.ValidationError(_("Give the year the training was held."))
        return year


class CVForm(CrispyMixin, forms.ModelForm):
    """The seed's form: its own fields, then one box per area of service experience."""

    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    assignment_types = forms.MultipleChoiceField(
        label=_("Assignments taken"),
        choices=AssignmentType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = CV
        fields = [
            "language",
            "name",
            "born_year",
            "training_year",
            "background",
            "motto",
            "story",
        ]
        widgets = {
            "background": forms.Textarea(attrs={"rows": 3}),
            "story": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        experience = self.instance.experience if self.instance.pk else {}
        for code, label in area_choices():
            self.fields[f"area_{code}"] = forms.CharField(
                label=label,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=experience.get(code, ""),
            )
        if self.instance.pk:
            self.initial.setdefault("languages", self.instance.languages)
            self.initial.setdefault("assignment_types", self.instance.assignment_types)
        self._crispy()

    def clean(self):
        data = super().clean()
        this_year = timezone.localdate().year
        for field in ("born_year", "training_year"):
            year = data.get(field)
            if year is not None and not 1900 <= year <= this_year:
                self.add_error(field, _("Give a year between 1900 and this year."))
        return data

    def cv_data(self) -> dict:
        data = self.cleaned_data
        return {
            **{f: data.get(f) for f in self.Meta.fields},
            "languages": data.get("languages", []),
            "assignment_types": data.get("assignment_types", []),
            "experience": {code: data.get(f"area_{code}", "") for code in AREA_CODES},
        }


class ApproveForm(forms.Form):
    how = forms.ChoiceField(label=_("How the expert approved it"), choices=CV.ApprovedHow.choices)


class OrderForm(CrispyMixin, forms.ModelForm):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Starts"), widget=TimeInput())
    end = forms.TimeField(label=_("Ends"), widget=TimeInput())
    areas = forms.MultipleChoiceField(
        label=_("Experience wished for"),
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Order
        fields = [
            "assignment_type",
            "client",
            "place",
            "online",
            "audience",
            "topic",
            "areas",
            "language",
            "wished_expert",
            "experts_needed",
            "fee_offered",
            "unit",
            "cost_centre",
            "goal",
            "agreement",
        ]
        widgets = {
            "topic": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 2}),
            "agreement": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = area_choices()
        self.fields["wished_expert"].queryset = Expert.objects.filter(
            status=Expert.Status.ACTIVE, cvs__status=CV.Status.PUBLISHED
        ).select_related("client")
        self.fields["wished_expert"].label_from_instance = lambda e: (
            e.cvs.filter(status=CV.Status.PUBLISHED).first().name
        )
        if "client" in self.fields:
            self.fields["client"].queryset = client_list_for_user(user)
            self.fields["client"].required = False
            self.fields["client"].help_text = _(
                "Only for a client meeting. Nothing of the client's case is written here."
            )
        if "unit" in self.fields:
            self.fields["unit"].queryset = Unit.objects.filter(is_active=True)
            self.fields["unit"].required = True
            self.fields["unit"].label = _("The ordering unit (pays the fee)")
        if self.instance.pk:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("day", local.date())
            self.initial.setdefault("start", local.time())
            self.initial.setdefault("end", timezone.localtime(self.instance.ends_at).time())
        self._crispy()

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("start") and data.get("end"):
            data["starts_at"] = wall_clock(data["day"], data["start"])
            data["ends_at"] = wall_clock(data["day"], data["end"])
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end", _("The end must be after the start."))
        if not data.get("place") and not data.get("online"):
            self.add_error("place", _("Give the place, or tick online."))
        if data.get("assignment_type") == AssignmentType.CLIENT_MEETING and not data.get("client"):
            self.add_error("client", _("Choose the client the meeting is with."))
        return data

    def order_data(self) -> dict:
        data = self.cleaned_data
        fields = [f for f in self.Meta.fields if f in data]
        return {
            **{f: data[f] for f in fields},
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
        }


class OutsideOrderForm(OrderForm):
    """An outside organisation's order, entered by the coordinator with billing details."""

    organisation = forms.ModelChoiceField(
        label=_("Outside orderer"), queryset=Organisation.objects.all(), required=False
    )
    new_organisation = forms.CharField(
        label=_("Or a new outside orderer"), max_length=200, required=False
    )
    business_id = forms.CharField(label=_("Business ID"), max_length=20, required=False)
    contact_person = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    billing_address = forms.CharField(
        label=_("Billing address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta(OrderForm.Meta):
        fields = [
            f for f in OrderForm.Meta.fields if f not in ("client", "unit", "goal", "agreement")
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment_type"].choices = [
            c for c in AssignmentType.choices if c[0] != AssignmentType.CLIENT_MEETING
        ]

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not data.get("new_organisation", "").strip():
            self.add_error("organisation", _("Choose the outside orderer or write a new one."))
        name = data.get("new_organisation", "").strip()
        if name and Organisation.objects.filter(name__iexact=name).exists():
            self.add_error("new_organisation", _("This orderer is already listed: choose it."))
        return data


class ConsentForm(forms.Form):
    how = forms.ChoiceField(label=_("How the client was asked"), choices=ConsentHow.choices)


class AnswerForm(forms.Form):
    """The coordinator records an answer the expert gave by phone or in person."""

    booking = forms.IntegerField(widget=forms.HiddenInput)
    accept = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("1", _("Accepts")), ("0", _("Declines"))],
        coerce=lambda value: value == "1",
    )
    how = forms.ChoiceField(
        label=_("How"),
        choices=[c for c in Booking.AnsweredHow.choices if c[0] != Booking.AnsweredHow.OWN_PAGE],
    )


class CancelForm(CrispyMixin, forms.Form):
    by = forms.ChoiceField(label=_("Cancelled by"), choices=Order.CancelledBy.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()


class DoneForm(CrispyMixin, forms.Form):
    debrief = forms.CharField(
        label=_("Debrief after the meeting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How it went and what was agreed next, with no case details."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()


class FeedbackForm(CrispyMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How did the visit go?"),
        choices=[("", "–")] + [(str(n), str(n)) for n in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("1 poorly, 5 very well."),
    )
    feedback = forms.CharField(
        label=_("Feedback on the visit"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()


class FeeForm(forms.Form):
    booking = forms.IntegerField(widget=forms.HiddenInput)
    fee = forms.CharField(label=_("Fee (EUR)"), max_length=12)


class FeeFilterForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    state = forms.ChoiceField(
        label=_("Fee"), required=False, choices=[("", _("All")), *Booking.FeeState.choices]
    )

    def month_or_this(self) -> date:
        if self.is_valid() and self.cleaned_data.get("month"):
            return self.cleaned_data["month"]
        return timezone.localdate().replace(day=1)


class GatheringForm(CrispyMixin, forms.ModelForm):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Starts"), widget=TimeInput())
    end = forms.TimeField(label=_("Ends"), widget=TimeInput())
    experts = forms.ModelMultipleChoiceField(
        label=_("Invited"),
        queryset=Expert.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Gathering
        fields = ["kind", "place", "led_by", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = (
            Expert.objects.exclude(status=Expert.Status.ENDED)
            .exclude(status=Expert.Status.CANDIDATE)
            .select_related("client")
        )
        self.fields["experts"].label_from_instance = lambda e: e.client.full_name
        if self.instance.pk:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.setdefault("day", local.date())
            self.initial.setdefault("start", local.time())
            self.initial.setdefault("end", timezone.localtime(self.instance.ends_at).time())
            self.initial.setdefault(
                "experts", list(self.instance.attendance.values_list("expert_id", flat=True))
            )
        self._crispy()

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("start") and data.get("end"):
            data["starts_at"] = wall_clock(data["day"], data["start"])
            data["ends_at"] = wall_clock(data["day"], data["end"])
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end", _("The end must be after the start."))
        return data


class DiaryForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = DiaryEntry
        fields = ["day", "channel", "topic", "referred_to", "note"]
        widgets = {"day": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("day", timezone.localdate())
        self._crispy()
