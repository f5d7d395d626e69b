from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from groups.models import (
    Enrolment,
    EvaluationQuestion,
    FinalEvaluation,
    GoalStatus,
    GroupRun,
    Session,
    ThemeWish,
    Weekday,
)
from socialwork.core.forms import CrispyMixin, DateInput, TimeInput
from socialwork.core.schedules import HELSINKI
from socialwork.people.models import PartnerOrganisation
from socialwork.people.selectors import (
    client_list_for_user,
    units_for_client_creation,
    workers_in_units,
)


class RunForm(CrispyMixin, forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for groups that meet on several days a week."),
    )

    # What a new group takes from its programme template until the worker changes it.
    FROM_PROGRAMME = (
        "name",
        "cadence",
        "weekdays",
        "start_time",
        "session_minutes",
        "session_count",
        "min_size",
        "max_size",
    )

    class Meta:
        model = GroupRun
        fields = [
            "programme",
            "name",
            "unit",
            "starts_on",
            "cadence",
            "weekdays",
            "start_time",
            "session_minutes",
            "session_count",
            "place",
            "min_size",
            "max_size",
            "facilitators",
            "partners",
            "partner_facilitators",
            "is_open",
            "ground_rules",
        ]
        widgets = {
            "starts_on": DateInput(),
            "start_time": TimeInput(),
            "facilitators": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            "ground_rules": forms.Textarea(attrs={"rows": 4}),
        }

    @classmethod
    def initial_for(cls, *, user, programme=None) -> dict:
        """A new group: the worker facilitates it, and a chosen template fills in the rest."""
        initial = {"facilitators": [user.pk]}
        if programme is not None:
            initial["programme"] = programme.pk
            initial.update({name: getattr(programme, name) for name in cls.FROM_PROGRAMME})
        return initial

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for_client_creation(user)
        self.fields["unit"].queryset = units
        self.fields["facilitators"].queryset = workers_in_units(
            list(units.values_list("pk", flat=True))
        )
        self.fields["facilitators"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["partners"].queryset = PartnerOrganisation.objects.filter(is_active=True)
        self.fields["partners"].required = False
        self.fields["facilitators"].required = True
        if self.instance.pk:
            # The schedule of an existing group is changed session by session.
            for name in ("programme", "starts_on", "cadence", "weekdays", "session_count"):
                del self.fields[name]
        self._crispy()

    def facilitator_warning(self) -> bool:
        chosen = self.cleaned_data.get("facilitators") or []
        return len(chosen) < 2


class EnrolmentCreateForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = [
            "client",
            "referral_source",
            "service_decision",
            "service_decision_on",
            "activity_allowance",
            "bus_ticket",
            "meal_notes",
        ]
        widgets = {"service_decision_on": DateInput()}

    def __init__(self, *args, user, run, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = client_list_for_user(user).exclude(
            pk__in=run.enrolments.values("client_id")
        )
        self.fields["client"].help_text = _(
            "Clients you work with. Add a new client first if they are not on the list."
        )
        self._crispy()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("service_decision_on") and not cleaned.get("service_decision"):
            self.add_error(
                "service_decision", _("Tick this if a decision was made, or leave the date empty.")
            )
        return cleaned


class EnrolmentUpdateForm(EnrolmentCreateForm):
    class Meta(EnrolmentCreateForm.Meta):
        fields = [
            "status",
            "dropout_reason",
            "left_on",
            "referral_source",
            "service_decision",
            "service_decision_on",
            "activity_allowance",
            "bus_ticket",
            "meal_notes",
        ]
        widgets = {"service_decision_on": DateInput(), "left_on": DateInput()}

    def __init__(self, *args, user, run, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)
        self.fields["dropout_reason"].help_text = _(
            "Leaving a group has no consequences for the client's benefits or services."
        )
        self._crispy()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Enrolment.Status.DROPPED_OUT and not cleaned.get(
            "dropout_reason"
        ):
            self.add_error("dropout_reason", _("Choose the reason in neutral words."))
        return cleaned


class SessionForm(CrispyMixin, forms.ModelForm):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Starts"), widget=TimeInput())
    end = forms.TimeField(label=_("Ends"), widget=TimeInput())

    class Meta:
        model = Session
        fields = ["day", "start", "end", "place", "theme", "plan", "guests"]
        widgets = {"plan": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        starts = self.instance.starts_at.astimezone(HELSINKI)
        ends = self.instance.ends_at.astimezone(HELSINKI)
        self.initial.update({"day": starts.date(), "start": starts.time(), "end": ends.time()})
        self._crispy()

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start"), cleaned.get("end")
        if day and start and end:
            if end <= start:
                self.add_error("end", _("The session must end after it starts."))
            else:
                # Local wall-clock time in Helsinki, whatever the season.
                cleaned["starts_at"] = datetime.combine(day, start, tzinfo=HELSINKI)
                cleaned["ends_at"] = datetime.combine(day, end, tzinfo=HELSINKI)
        return cleaned

    def session_data(self) -> dict:
        data = {f: self.cleaned_data[f] for f in ("place", "theme", "plan", "guests")}
        return {
            **data,
            "starts_at": self.cleaned_data["starts_at"],
            "ends_at": self.cleaned_data["ends_at"],
        }


class SessionCancelForm(CrispyMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Shown to the facilitators and used in the cancellation message."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()


class GoalForm(CrispyMixin, forms.Form):
    text = forms.CharField(label=_("Goal"), max_length=300)
    status = forms.ChoiceField(
        label=_("Status"), choices=GoalStatus.choices, initial=GoalStatus.OPEN
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()


class WishForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = ThemeWish
        fields = ["text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()


# --- Evaluation --------------------------------------------------------------------------


class EvaluationForm(forms.Form):
    """The questions of the run's question set, in the participant's language. The face
    and number choices are rendered as large buttons; each face has a text label, so it
    does not rest on the picture alone."""

    def __init__(self, *args, questions, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            name = f"q{question.pk}"
            label = question.text(language)
            if question.kind == EvaluationQuestion.Kind.TEXT:
                field = forms.CharField(
                    label=label,
                    required=question.required,
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            elif question.kind == EvaluationQuestion.Kind.FACES_3:
                field = forms.TypedChoiceField(
                    label=label,
                    required=question.required,
                    coerce=int,
                    choices=list(EvaluationQuestion.FACES.items()),
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.TypedChoiceField(
                    label=label,
                    required=question.required,
                    coerce=int,
                    choices=[(v, str(v)) for v in range(1, 6)],
                    widget=forms.RadioSelect,
                )
            field.question = question
            self.fields[name] = field

    def answers(self) -> dict:
        return {
            self.fields[name].question: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "")
        }

    def items(self):
        """(bound field, question, choices with faces) for the template."""
        for name, field in self.fields.items():
            question = field.question
            faces = question.kind == EvaluationQuestion.Kind.FACES_3
            yield self[name], question, faces


class CodeOpenForm(forms.Form):
    minutes = forms.TypedChoiceField(
        label=_("The code is valid for"),
        coerce=int,
        initial=60,
        choices=[
            (30, _("30 minutes")),
            (60, _("1 hour")),
            (180, _("3 hours")),
            (24 * 60, _("until this time tomorrow")),
        ],
    )


class CodeEntryForm(forms.Form):
    code = forms.CharField(
        label=_("Session code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        help_text=_("The six characters the facilitators showed at the end of the session."),
    )


class FinalEvaluationForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = FinalEvaluation
        fields = ["held_on", "participants", *FinalEvaluation.QUESTIONS]
        widgets = {
            "held_on": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 3}) for name in FinalEvaluation.QUESTIONS},
        }
        help_texts = {
            "participants": _("For example the facilitators, the partners and the clients."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()
