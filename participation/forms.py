"""Forms for social reporting. The report form asks seed 004's two questions, verbatim in
Finnish; in Swedish and English the translation is marked as one, with the original
below it."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from participation import permissions
from participation.models import (
    ClientGroup,
    ClockItem,
    Collection,
    Event,
    EventNote,
    Report,
    ReportingMeeting,
    Signal,
)
from participation.selectors import themes_in_use
from participation.services import refuse_personal_details
from socialwork.core.forms import CrispyMixin, DateInput, TimeInput
from socialwork.core.personal_details import describe, personal_details_in
from socialwork.people.models import Unit, User


def no_personal_details(*texts: str) -> None:
    """A field about phenomena or plans names no person: what to remove, in the field."""
    found = personal_details_in(*texts)
    if found:
        raise forms.ValidationError(_("Remove %(what)s from the text.") % {"what": describe(found)})


# Seed 004:427-434, verbatim: the questions every social report answers.
CONCERNS_FI = (
    "Toistuvatko tai vaivaavatko tietyt asiat tai ongelmat, herättävätkö jotkut asiat huolta "
    "- toivotko niihin muutoksia ja onko sinulle jopa ratkaisuehdotuksia?"
)
POSITIVES_FI = "Oletko havainnut myönteisiä ilmiöitä ja kehityskulkuja, joita voisi vahvistaa?"
CONCERNS = _(
    "Do certain issues or problems recur or trouble you, do some things raise concern – do "
    "you wish for changes to them, and do you perhaps even have proposals for solutions?"
)
POSITIVES = _("Have you observed positive phenomena and developments that could be strengthened?")


def _prompt(field: forms.Field, finnish: str, translated) -> None:
    """The question verbatim in Finnish; elsewhere the translation, marked, and the
    original."""
    if (get_language() or "fi")[:2] == "fi":
        field.label = finnish
        return
    field.label = translated
    field.help_text = _("Translated from the Finnish original: “%(original)s”") % {
        "original": finnish
    }


class ReportForm(CrispyMixin, forms.Form):
    concerns = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=5000
    )
    positives = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=5000
    )
    signal = forms.ChoiceField(
        label=_("Is this mainly"), choices=Signal.choices, widget=forms.RadioSelect
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=themes_in_use(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one theme.")},
    )
    client_group = forms.ChoiceField(label=_("Whom it concerns"), choices=ClientGroup.choices)
    proposal = forms.CharField(
        label=_("Action proposal (optional)"),
        help_text=_("What should be done, and by whom?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    answer_as = forms.ChoiceField(
        label=_("Answering"),
        choices=[("alone", _("Alone")), ("team", _("As a team"))],
        widget=forms.RadioSelect,
        initial="alone",
    )
    team_name = forms.CharField(label=_("The team's name"), max_length=100, required=False)
    team = forms.ModelMultipleChoiceField(
        label=_("The team's other members"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Named once: the report counts for the whole team."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()
        _prompt(self.fields["concerns"], CONCERNS_FI, CONCERNS)
        _prompt(self.fields["positives"], POSITIVES_FI, POSITIVES)
        self.fields["themes"].label_from_instance = lambda theme: theme.label
        units = Unit.objects.filter(
            pk__in=permissions.report_unit_ids(user), is_active=True
        ).order_by("name")
        self.fields["unit"].queryset = units
        # One unit (the usual case): nothing to choose, the report speaks for it.
        self.only_unit = units[0] if len(units) == 1 else None
        if self.only_unit is not None:
            self.fields["unit"].initial = self.only_unit
            self.fields["unit"].required = False
            self.fields["unit"].widget = forms.HiddenInput()
        self.fields["team"].queryset = (
            User.objects.filter(is_active=True, role_assignments__unit__in=units)
            .exclude(pk=user.pk)
            .distinct()
            .order_by("last_name", "first_name")
        )

    def clean(self):
        data = super().clean()
        if not data.get("unit") and self.only_unit is not None:
            data["unit"] = self.only_unit
        if not (data.get("concerns", "").strip() or data.get("positives", "").strip()):
            raise forms.ValidationError(_("Answer at least one of the two questions."))
        refuse_personal_details(
            data.get("concerns", ""),
            data.get("positives", ""),
            data.get("proposal", ""),
            data.get("team_name", ""),
        )
        if data.get("answer_as") == "team":
            if not data.get("team_name", "").strip():
                self.add_error("team_name", _("Name the team that answers."))
            if not data.get("team"):
                self.add_error("team", _("Choose the team's other members."))
        else:
            data["team_name"], data["team"] = "", []
        return data


class ProcessForm(CrispyMixin, forms.Form):
    processed = forms.BooleanField(label=_("Processed"), required=False, initial=True)
    action_taken = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    meeting = forms.ModelChoiceField(
        label=_("Handled in meeting"), queryset=ReportingMeeting.objects.none(), required=False
    )
    quotable = forms.BooleanField(
        label=_("Quote in the summary for decision makers"), required=False
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()
        self.fields["meeting"].queryset = meetings

    def clean_action_taken(self):
        text = self.cleaned_data["action_taken"]
        no_personal_details(text)
        return text


class CollectionForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Collection
        fields = (
            "title",
            "description",
            "theme",
            "opens_on",
            "closes_on",
            "remind_days_before",
            "units",
            "staff",
        )
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
            "units": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()
        self.fields["theme"].queryset = themes_in_use()
        allowed = permissions.read_unit_ids(user)
        units = Unit.objects.filter(is_active=True).order_by("name")
        if allowed is not None:
            units = units.filter(pk__in=allowed)
        self.fields["units"].queryset = units
        self.fields["staff"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "first_name"
        )
        self.fields["remind_days_before"].widget.attrs.update(min=0, max=60)

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The collection cannot close before it opens."))
        if not data.get("units") and not data.get("staff"):
            raise forms.ValidationError(_("Invite at least one unit or staff member."))
        return data


class MeetingForm(CrispyMixin, forms.ModelForm):
    reports = forms.ModelMultipleChoiceField(
        label=_("Reports handled"),
        queryset=Report.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ReportingMeeting
        fields = ("held_on", "unit", "minutes")
        widgets = {"held_on": DateInput(), "minutes": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, user, reports, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()
        self.fields["reports"].queryset = reports
        self.fields["reports"].label_from_instance = lambda r: (
            f"{r.sent_at:%d.%m.%Y} · {r.unit.name} · {r.get_signal_display()}: {r}"
        )
        allowed = permissions.read_unit_ids(user)
        units = Unit.objects.filter(is_active=True).order_by("name")
        if allowed is not None:
            units = units.filter(pk__in=allowed)
            self.fields["unit"].required = True
        self.fields["unit"].queryset = units
        if self.instance.pk:
            self.fields["reports"].initial = list(self.instance.reports.all())

    def clean_minutes(self):
        text = self.cleaned_data["minutes"]
        no_personal_details(text)
        return text


class SummaryForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("fi", _("Finnish")), ("sv", _("Swedish"))]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, y) for y in range(this_year, this_year - 6, -1)]
        self.fields["year"].initial = this_year
        language = (get_language() or "fi")[:2]
        self.fields["language"].initial = language if language in ("fi", "sv") else "fi"


# --- Participation events -------------------------------------------------------------------


class EventForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Event
        fields = (
            "kind",
            "title",
            "starts_on",
            "ends_on",
            "start_time",
            "end_time",
            "place",
            "programme",
            "units",
            "organisers",
            "informer",
            "chair",
            "partners",
        )
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "units": forms.CheckboxSelectMultiple,
            "programme": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()
        units = Unit.objects.filter(is_active=True).order_by("name")
        if self.instance.pk is None:
            units = units.filter(pk__in=permissions.event_unit_ids(user))
        self.fields["units"].queryset = units
        staff = User.objects.filter(is_active=True).order_by("last_name", "first_name")
        for name in ("organisers", "informer", "chair"):
            self.fields[name].queryset = staff
        self.fields["organisers"].required = False
        self.fields["organisers"].help_text = _("Empty: you.")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day cannot be before the first."))
        begins, finishes = data.get("start_time"), data.get("end_time")
        if begins and finishes and finishes <= begins and not ends:
            self.add_error("end_time", _("The event cannot end before it starts."))
        no_personal_details(data.get("title", ""), data.get("programme", ""))
        return data


class AttendanceForm(forms.Form):
    attendance = forms.IntegerField(
        label=_("Attendees"),
        min_value=0,
        max_value=100_000,
        required=False,
        help_text=_("A count, without names."),
    )


class EventNoteForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=EventNote.Kind.choices,
        widget=forms.RadioSelect,
        initial=EventNote.Kind.IDEA,
    )
    text = forms.CharField(
        label=_("What was said"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    unit = forms.ModelChoiceField(
        label=_("Take it to a unit"), queryset=Unit.objects.none(), required=False
    )
    council = forms.ModelChoiceField(
        label=_("Or to a client council's topics"), queryset=None, required=False
    )

    def __init__(self, *args, event, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = event.units.order_by("name")
        self.fields["council"].queryset = councils

    def clean_text(self):
        text = self.cleaned_data["text"]
        no_personal_details(text)
        return text


CONSENT_NEEDED = _("Ask for the person's consent: their details are kept only with it.")


class InterestedForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    interest = forms.ChoiceField(label=_("Interested in"), choices=())
    consent = forms.BooleanField(
        label=_("The person agrees that their details are passed on for this"),
        required=True,
        error_messages={
            "required": _("Ask for the person's consent: their details are kept only with it.")
        },
    )

    def __init__(self, *args, **kwargs):
        from feedback.models import ContactSlip

        super().__init__(*args, **kwargs)
        self.fields["interest"].choices = ContactSlip.Interest.choices

    def clean(self):
        data = super().clean()
        if not (data.get("phone", "").strip() or data.get("email", "").strip()):
            raise forms.ValidationError(_("Give a phone number or an e-mail address."))
        return data


# --- The annual clock -----------------------------------------------------------------------

MONTHS = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]


class ClockChoiceForm(forms.Form):
    """The year and unit the clock shows (bad input: this year, every unit the reader has)."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("All my units"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, y) for y in range(this_year + 1, this_year - 5, -1)]
        units = Unit.objects.filter(is_active=True).order_by("name")
        allowed = permissions.clock_unit_ids(user)
        if allowed is not None:
            units = units.filter(pk__in=allowed)
        else:
            self.fields["unit"].empty_label = _("The whole organisation")
        self.fields["unit"].queryset = units

    def choices(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "year": data.get("year") or timezone.localdate().year,
            "unit": data.get("unit"),
        }


class ClockItemForm(CrispyMixin, forms.ModelForm):
    repeats = forms.ChoiceField(
        label=_("Repeats"),
        choices=[
            ("once", _("Once")),
            ("yearly", _("Every year")),
            ("monthly", _("Every month")),
            ("quarterly", _("Every three months")),
        ],
        initial="yearly",
        widget=forms.RadioSelect,
    )
    months = forms.TypedMultipleChoiceField(
        label=_("In these months"),
        choices=MONTHS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "clock-months"}),
        help_text=_(
            "Every year only: for example three theme afternoons in spring and two in autumn."
        ),
    )
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    class Meta:
        model = ClockItem
        fields = (
            "title",
            "kind",
            "unit",
            "owner",
            "starts_on",
            "remind_days_before",
            "description",
        )
        widgets = {"starts_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()
        units = Unit.objects.filter(is_active=True).order_by("name")
        allowed = permissions.clock_unit_ids(user)
        if allowed is not None:
            units = units.filter(pk__in=allowed)
            self.fields["unit"].required = True
        self.fields["unit"].queryset = units
        self.fields["owner"].queryset = User.objects.filter(is_active=True).order_by(
            "last_name", "first_name"
        )
        self.fields["owner"].initial = user.pk
        self.fields["remind_days_before"].widget.attrs.update(min=0, max=120)
        self.fields["remind_days_before"].validators.append(MaxValueValidator(120))
        if self.instance.pk:
            self.initial.update(_recurrence_choices(self.instance.rrule))

    def clean(self):
        data = super().clean()
        starts, until = data.get("starts_on"), data.get("until")
        if starts and until and until < starts:
            self.add_error("until", _("The last time cannot be before the first."))
        months = data.get("months")
        if data.get("repeats") == "yearly" and months and starts and starts.month not in months:
            self.add_error("months", _("Include the month of the first time among the months."))
        no_personal_details(data.get("title", ""), data.get("description", ""))
        return data


def _recurrence_choices(rrule: str) -> dict:
    """The form's choices read back from a stored RRULE."""
    if not rrule:
        return {"repeats": "once"}
    parts = dict(part.split("=", 1) for part in rrule.split(";") if "=" in part)
    repeats = {"YEARLY": "yearly", "MONTHLY": "monthly"}.get(parts.get("FREQ"), "yearly")
    if repeats == "monthly" and parts.get("INTERVAL") == "3":
        repeats = "quarterly"
    choices = {"repeats": repeats}
    if parts.get("BYMONTH"):
        choices["months"] = [int(m) for m in parts["BYMONTH"].split(",")]
    if parts.get("UNTIL"):
        until = parts["UNTIL"][:8]
        choices["until"] = datetime.date(int(until[:4]), int(until[4:6]), int(until[6:8]))
    return choices
