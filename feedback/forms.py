import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models import (
    Campaign,
    ContactSlip,
    Instrument,
    InstrumentVersion,
    Item,
    Scale,
    in_language,
)
from feedback.services import TEXT_LIMITS
from socialwork.core.widgets import QuickSelect


class ChoiceRadioSelect(forms.RadioSelect):
    """Options as large buttons; the agreement scale shows its number above the words."""

    template_name = "feedback/widgets/choices.html"

    def __init__(self, *args, scale: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.scale = scale

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["scale"] = self.scale
        return context


class FaceRadioSelect(forms.RadioSelect):
    """Large face buttons with a text label under each face (never a face alone)."""

    template_name = "feedback/widgets/faces.html"
    option_template_name = "feedback/widgets/face_option.html"

    def __init__(self, *args, scale: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.scale = scale

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["scale"] = self.scale
        return context


def scale_choices(version: InstrumentVersion, item: Item, language: str) -> list[tuple]:
    if item.scale == Scale.CHOICE:
        return [(str(o["value"]), in_language(o["text"], language)) for o in item.options]
    labels = version.scale_labels.get(item.scale, {})
    low, high = item.value_range()
    values = range(low, high + 1)
    # Faces in the source's order, happy first (domain guide §3.2); the agreement scale from
    # "completely disagree" to "completely agree", as on the paper form.
    if item.scale in (Scale.FACES3, Scale.FACES5):
        values = reversed(values)
    return [(str(v), in_language(labels.get(str(v), {str(v): str(v)}), language)) for v in values]


class AnswersForm(forms.Form):
    """The questions of one version as a form: the web link, paper entry and micro-feedback.
    Every question may be left unanswered, as on paper; at least one answer is needed."""

    key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, version: InstrumentVersion, language: str, paper=False, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.version = version
        self.language = language
        self.items = list(version.items.all())
        for item in self.items:
            label = in_language(item.text, language)
            if paper and item.paper_note:
                label = f"{label} {in_language(item.paper_note, language)}"
            if item.number:
                label = f"{item.number} {label}"
            self.fields[item.code] = self._field(item, label)
            self.fields[item.code].item = item

    def _field(self, item: Item, label: str) -> forms.Field:
        if item.scale == Scale.TEXT:
            return forms.CharField(
                label=label,
                required=False,
                max_length=TEXT_LIMITS[Scale.TEXT],
                widget=forms.Textarea(attrs={"rows": 4, "class": "form-control form-control-lg"}),
            )
        if item.scale == Scale.SHORT_TEXT:
            return forms.CharField(
                label=label,
                required=False,
                max_length=TEXT_LIMITS[Scale.SHORT_TEXT],
                widget=forms.TextInput(attrs={"class": "form-control form-control-lg"}),
            )
        if item.scale == Scale.YEAR:
            return forms.IntegerField(
                label=label,
                required=False,
                min_value=1900,
                max_value=timezone.localdate().year,
                widget=forms.NumberInput(
                    attrs={
                        "inputmode": "numeric",
                        "class": "form-control form-control-lg kiosk-year",
                    }
                ),
            )
        choices = scale_choices(self.version, item, self.language)
        widget = (
            FaceRadioSelect(scale=item.scale)
            if item.scale in (Scale.FACES3, Scale.FACES5)
            else ChoiceRadioSelect(scale=item.scale)
        )
        return forms.ChoiceField(label=label, required=False, choices=choices, widget=widget)

    @property
    def render_key(self) -> str:
        """The key to send with the form: the one it came with, or a new one if that was not
        a key at all (so that sending again can work)."""
        value = self["key"].value()
        try:
            return str(uuid.UUID(str(value)))
        except ValueError:
            return str(uuid.uuid4())

    def sections(self):
        """(title, fields) in the order of the form, for the template's fieldsets."""
        result = []
        for item in self.items:
            title = in_language(item.section_title, self.language) if item.section_title else ""
            if not result or result[-1][0] != title:
                result.append((title, []))
            result[-1][1].append(self[item.code])
        return result

    def answers(self) -> dict:
        return {
            item.code: self.cleaned_data.get(item.code)
            for item in self.items
            if self.cleaned_data.get(item.code) not in (None, "")
        }

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.answers():
            raise forms.ValidationError(_("Answer at least one question."))
        return cleaned


class MicroFeedbackForm(AnswersForm):
    """The client's oral feedback after a meeting, and which of the worker's units it
    counts for."""

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        choose = _("Choose your unit.")
        self.fields["unit"] = forms.ModelChoiceField(
            queryset=units, error_messages={"required": choose, "invalid_choice": choose}
        )


class ContactSlipForm(forms.ModelForm):
    class Meta:
        model = ContactSlip
        fields = ["name", "phone", "email", "interest", "message"]
        labels = {
            "name": _("Your name"),
            "phone": _("Phone number"),
            "email": _("E-mail address"),
            "interest": _("I am interested in"),
            "message": _("Anything you want to tell us (optional)"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"class": "form-control form-control-lg"}),
            "phone": forms.TextInput(
                attrs={"class": "form-control form-control-lg", "type": "tel"}
            ),
            "email": forms.EmailInput(attrs={"class": "form-control form-control-lg"}),
            "interest": ChoiceRadioSelect(scale="choice"),
            "message": forms.Textarea(attrs={"rows": 3, "class": "form-control form-control-lg"}),
        }

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("phone") or cleaned.get("email")):
            raise forms.ValidationError(
                _("Write a phone number or an e-mail address, so that we can reach you.")
            )
        return cleaned


class PaperEntryStartForm(forms.Form):
    """Which campaign and unit the pile of paper forms belongs to."""

    campaign = forms.ModelChoiceField(
        label=_("Survey campaign"), queryset=Campaign.objects.none(), empty_label=None
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, empty_label=None)

    def __init__(self, *args, campaigns, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns
        self.fields["campaign"].help_text = _(
            "Campaigns open now: their month and the fortnight after it."
        )
        self.fields["unit"].queryset = units

    def clean(self):
        cleaned = super().clean()
        campaign, unit = cleaned.get("campaign"), cleaned.get("unit")
        if campaign and unit and campaign.unit_id not in (None, unit.pk):
            self.add_error("unit", _("This campaign belongs to another unit."))
        return cleaned


class ResultsForm(forms.Form):
    """What to look at. Periods are whole months or years: finer periods would let two views
    be subtracted to single out a day's answers."""

    instrument = forms.ModelChoiceField(
        label=_("Instrument"),
        queryset=Instrument.objects.all(),
        empty_label=None,
        widget=QuickSelect,
    )
    version = forms.ModelChoiceField(
        label=_("Version"),
        queryset=InstrumentVersion.objects.none(),
        required=False,
        empty_label=_("Newest"),
        widget=QuickSelect,
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, widget=QuickSelect)
    month = forms.TypedChoiceField(
        label=_("Month"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("Whole year"))] + [(m, m) for m in range(1, 13)],
        widget=QuickSelect,
    )
    campaign = forms.ModelChoiceField(
        label=_("Survey campaign"),
        queryset=Campaign.objects.none(),
        required=False,
        empty_label=_("All answers"),
        widget=QuickSelect,
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=None, required=False, widget=QuickSelect
    )
    worker = forms.ModelChoiceField(
        label=_("Worker colour"),
        queryset=None,
        required=False,
        empty_label=_("All workers"),
        widget=QuickSelect,
    )
    compare = forms.BooleanField(label=_("Compare with earlier years"), required=False)

    def __init__(self, *args, units, codes, whole_organisation: bool, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, y) for y in range(this_year, this_year - 10, -1)]
        self.fields["year"].initial = this_year
        self.fields["unit"].queryset = units
        if whole_organisation:
            self.fields["unit"].empty_label = _("Whole organisation")
        else:
            self.fields["unit"].required = True
            self.fields["unit"].empty_label = None
        self.fields["worker"].queryset = codes.select_related("unit", "worker")
        self.fields["worker"].label_from_instance = lambda code: (
            f"{code.worker} – {code.get_colour_display() or _('no card colour')} ({code.unit})"
        )
        instrument = None
        if self.is_bound:
            try:
                instrument = Instrument.objects.filter(pk=int(self.data.get("instrument"))).first()
            except (TypeError, ValueError):
                instrument = None
        instrument = instrument or Instrument.objects.filter(kind=Instrument.Kind.SURVEY).first()
        if instrument is not None:
            self.fields["instrument"].initial = instrument.pk
            self.fields["version"].queryset = instrument.versions.all()
            self.fields["campaign"].queryset = instrument.campaigns.select_related("unit")

    @classmethod
    def with_defaults(cls, data, **kwargs) -> "ResultsForm":
        """Bound to `data`, where what the user did not choose takes its default (the newest
        survey, this year, the user's first unit): a link naming only an instrument shows
        figures, not errors."""
        blank = cls(**kwargs)
        data = data.copy()
        defaults = {
            "instrument": blank.fields["instrument"].initial,
            "year": blank.fields["year"].initial,
        }
        unit = blank.fields["unit"]
        if unit.required:
            first = unit.queryset.first()
            defaults["unit"] = first.pk if first else None
        for name, value in defaults.items():
            if not data.get(name) and value is not None:
                data[name] = value
        return cls(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        worker, unit = cleaned.get("worker"), cleaned.get("unit")
        if worker and unit and worker.unit_id != unit.pk:
            self.add_error("worker", _("This worker colour belongs to another unit."))
        campaign = cleaned.get("campaign")
        if campaign:
            cleaned["year"], cleaned["month"] = campaign.year, campaign.month
        return cleaned
