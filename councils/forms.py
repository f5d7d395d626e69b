from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from councils import selectors
from councils.models import (
    AgendaItem,
    Attendance,
    Candidate,
    Council,
    Interview,
    Meeting,
    MeetingRole,
    Membership,
    Output,
    Proposal,
    Topic,
)
from socialwork.core import personal_details as checks
from socialwork.core.forms import CrispyMixin, DateInput, TimeInput, bound_dates
from socialwork.core.schedules import wall_clock
from socialwork.people.models import CLIENT_WORK_ROLES, Client, Language, Unit, User
from socialwork.people.selectors import client_list_for_user, units_for_client_creation


def council_workers():
    """Counsellors and social workers, who lead councils."""
    return (
        User.objects.filter(is_active=True, role_assignments__role__in=list(CLIENT_WORK_ROLES))
        .distinct()
        .order_by("last_name", "first_name")
    )


class CouncilForm(CrispyMixin, forms.ModelForm):
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=User.objects.none(), required=False)
    secretary = forms.ModelChoiceField(
        label=_("Secretary"), queryset=User.objects.none(), required=False
    )
    presenter = forms.ModelChoiceField(
        label=_("Topic presenter"), queryset=User.objects.none(), required=False
    )
    other_leaders = forms.ModelMultipleChoiceField(
        label=_("Other leaders"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Council
        fields = [
            "kind",
            "name",
            "units",
            "purpose",
            "is_closed",
            "target_size",
            "responsible",
            "cadence",
            "first_meeting_on",
            "start_time",
            "meeting_minutes",
            "meeting_count",
            "place",
            "packet_days_before",
            "ground_rules",
            "budget",
        ]
        widgets = {
            "units": forms.CheckboxSelectMultiple,
            "first_meeting_on": DateInput(),
            "start_time": TimeInput(),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "ground_rules": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        workers = council_workers()
        for name in ("responsible", "chair", "secretary", "presenter", "other_leaders"):
            self.fields[name].queryset = workers
        units = units_for_client_creation(user)
        if self.instance.pk:
            units = units | Unit.objects.filter(councils=self.instance)
            roles = {s.meeting_role: s.user for s in self.instance.staff.select_related("user")}
            self.initial.setdefault("chair", roles.get(MeetingRole.CHAIR))
            self.initial.setdefault("secretary", roles.get(MeetingRole.SECRETARY))
            self.initial.setdefault("presenter", roles.get(MeetingRole.PRESENTER))
            self.initial.setdefault(
                "other_leaders",
                [s.user for s in self.instance.staff.all() if s.meeting_role == MeetingRole.OTHER],
            )
            # The schedule's fields make the first meetings; later ones are edited one by one.
            for name in ("first_meeting_on", "meeting_count"):
                self.fields[name].disabled = self.instance.meetings.exists()
        else:
            self.initial.setdefault("responsible", user)
        self.fields["units"].queryset = units.distinct().order_by("name")
        self.fields["start_time"].required = True
        self._crispy()

    def clean(self):
        data = super().clean()
        cadence = data.get("cadence")
        if cadence and cadence != Council.Cadence.CUSTOM and not data.get("first_meeting_on"):
            self.add_error("first_meeting_on", _("Give the first meeting's date."))
        return data

    def leaders(self) -> list[tuple[User, str]]:
        data = self.cleaned_data
        leaders = [(user, MeetingRole.OTHER) for user in data.get("other_leaders") or ()]
        for name, role in (
            ("chair", MeetingRole.CHAIR),
            ("secretary", MeetingRole.SECRETARY),
            ("presenter", MeetingRole.PRESENTER),
        ):
            if data.get(name):
                leaders.append((data[name], role))
        return leaders

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}
        return {**data, "units": data.pop("units"), "leaders": self.leaders()}


class MemberForm(CrispyMixin, forms.Form):
    client = forms.ModelChoiceField(label=_("Client"), queryset=None)
    starts_on = forms.DateField(label=_("Member since"), widget=DateInput())

    def __init__(self, *args, user, council, **kwargs):
        super().__init__(*args, **kwargs)
        current = Membership.objects.filter(
            council=council, status=Membership.Status.ACTIVE
        ).values("client_id")
        self.fields["client"].queryset = client_list_for_user(user).exclude(pk__in=current)
        self.initial.setdefault("starts_on", timezone.localdate())
        self._crispy()


class TopicForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["title", "details", "source"]
        widgets = {"details": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Interview topics come from the interview itself (without the name), commissions
        # from management's commission: neither is typed here.
        self.fields["source"].choices = [
            (value, label)
            for value, label in Topic.Source.choices
            if value not in (Topic.Source.INTERVIEW, Topic.Source.COMMISSION)
        ]
        self._crispy()


class HoursForm(CrispyMixin, forms.Form):
    month = forms.DateField(
        label=_("Month"),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )
    hours = forms.DecimalField(label=_("Hours"), min_value=0, max_value=300, decimal_places=1)
    note = forms.CharField(label=_("What was done"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("month", timezone.localdate().replace(day=1))
        self._crispy()


class MeetingForm(CrispyMixin, forms.ModelForm):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Starts"), widget=TimeInput())
    minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=15, max_value=600)

    class Meta:
        model = Meeting
        fields = ["place", "refreshments", "chair", "secretary", "presenter", "plan"]
        widgets = {"plan": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        leaders = User.objects.filter(council_roles__council=self.instance.council).order_by(
            "last_name", "first_name"
        )
        for name in ("chair", "secretary", "presenter"):
            self.fields[name].queryset = leaders
        if self.instance.pk:
            local = timezone.localtime(self.instance.starts_at)
            self.initial.update(
                day=local.date(),
                start=local.time(),
                minutes=int(
                    (self.instance.ends_at - self.instance.starts_at).total_seconds() // 60
                ),
            )
        self._crispy()


class NewMeetingForm(CrispyMixin, forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Starts"), widget=TimeInput())
    minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=15, max_value=600)
    place = forms.CharField(label=_("Place"), max_length=300, required=False)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("start", council.start_time)
        self.initial.setdefault("minutes", council.meeting_minutes)
        self.initial.setdefault("place", council.place)
        self._crispy()


class AgendaTopicForm(forms.Form):
    topic = forms.ModelChoiceField(label=_("Topic from the backlog"), queryset=Topic.objects.none())
    is_main = forms.BooleanField(label=_("Main topic"), required=False)
    guests = forms.CharField(label=_("Guests"), max_length=300, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = meeting.council.topics.filter(status=Topic.Status.WAITING)


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "is_main", "from_management", "guests"]


class AttendanceRowForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["status", "role", "refreshments", "bus_fare", "bus_fare_paid"]
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Attendance.Status.choices
        self.fields["status"].required = False
        self.fields["bus_fare"].widget.attrs.update(inputmode="decimal", step="0.01")


class MinutesForm(forms.Form):
    discussed = forms.CharField(
        label=_("What was discussed"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    decisions = forms.CharField(
        label=_("Decisions"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def personal_details(self) -> list[str]:
        return checks.personal_details_in(
            self.cleaned_data.get("discussed", ""), self.cleaned_data.get("decisions", "")
        )


class AgreementForm(forms.Form):
    what = forms.CharField(label=_("What was agreed"), max_length=300, required=False)
    owner = forms.CharField(label=_("Who"), max_length=200, required=False)
    due_on = forms.DateField(label=_("By"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bound_dates(self)

    def clean(self):
        data = super().clean()
        if (data.get("owner") or data.get("due_on")) and not data.get("what"):
            self.add_error("what", _("Say what was agreed."))
        return data


AgreementFormSet = forms.formset_factory(AgreementForm, extra=3, max_num=30)


class CorrectionForm(CrispyMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for the correction"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()


class ProposalForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Proposal
        fields = [
            "kind",
            "title",
            "text",
            "meeting",
            "recipient_kind",
            "recipient_user",
            "recipient_unit",
            "recipient_name",
            "recipient_email",
            "deadline",
            "responsible",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 8}), "deadline": DateInput()}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = council.meetings.order_by("-starts_at")
        self.fields["recipient_user"].queryset = selectors.managers()
        self.fields["recipient_unit"].queryset = Unit.objects.filter(is_active=True)
        self.fields["responsible"].queryset = User.objects.filter(
            council_roles__council=council
        ).order_by("last_name", "first_name")
        self.fields["recipient_kind"].widget = forms.RadioSelect(choices=Proposal.Recipient.choices)
        self._crispy()


class AnswerForm(CrispyMixin, forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()


class OutsideAnswerForm(AnswerForm):
    by_name = forms.CharField(
        label=_("Who answers"),
        max_length=200,
        help_text=_("Your name and title, or the body that answers."),
    )


class PaperAnswerForm(OutsideAnswerForm):
    answered_on = forms.DateField(label=_("Answered on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["by_name"].label = _("Answered by")
        self.fields["by_name"].help_text = ""
        self.initial.setdefault("answered_on", timezone.localdate())
        bound_dates(self)


class ReportForm(CrispyMixin, forms.Form):
    meeting = forms.ModelChoiceField(label=_("Told to the council at"), queryset=None)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = proposal.council.meetings.filter(
            starts_at__lte=timezone.now() + timedelta(days=1)
        ).order_by("-starts_at")
        self._crispy()


class OutcomeForm(CrispyMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Proposal.Outcome.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("What changed, or did it, and why not?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()


class CommissionForm(CrispyMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 5}))
    due_on = forms.DateField(label=_("Answer by"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()


class CommissionAnswerForm(CrispyMixin, forms.Form):
    answer = forms.CharField(
        label=_("The council's answer"), widget=forms.Textarea(attrs={"rows": 6})
    )
    meeting = forms.ModelChoiceField(label=_("At the meeting"), queryset=None, required=False)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = council.meetings.order_by("-starts_at")
        self._crispy()


class OutputForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Output
        fields = ["kind", "title", "description", "produced_on", "where", "file"]
        widgets = {"produced_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is too big (at most 10 MB)."))
        return upload


class AttachmentForm(CrispyMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File (PDF)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._crispy()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("The file is too big (at most 10 MB)."))
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("Only PDF files can be added to the packet."))
        try:
            from pypdf import PdfReader

            PdfReader(upload)
        except Exception as error:  # pypdf raises many kinds on a broken file
            raise forms.ValidationError(_("The PDF cannot be read.")) from error
        finally:
            upload.seek(0)
        return upload


# --- Recruitment ---------------------------------------------------------------------------


class CandidateForm(CrispyMixin, forms.Form):
    """A candidate who is already a client, or a new person with how to reach them."""

    client = forms.ModelChoiceField(
        label=_("A client already on record"),
        queryset=None,
        required=False,
        help_text=_("Or leave this empty and write the new person's details below."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    phone = PhoneNumberField(label=_("Mobile number"), region="FI", required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    preferred_language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    reminder_channel = forms.ChoiceField(
        label=_("Messages by"), choices=Client.ReminderChannel.choices
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False)
    source = forms.ChoiceField(
        label=_("Came through"),
        choices=[c for c in Candidate.Source.choices if c[0] != Candidate.Source.SURVEY],
    )
    referred_by = forms.ModelChoiceField(
        label=_("Referred by"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, user, council, **kwargs):
        super().__init__(*args, **kwargs)
        taken = Candidate.objects.filter(council=council).values("client_id")
        members = Membership.objects.filter(
            council=council, status=Membership.Status.ACTIVE
        ).values("client_id")
        self.fields["client"].queryset = (
            client_list_for_user(user).exclude(pk__in=taken).exclude(pk__in=members)
        )
        units = units_for_client_creation(user).filter(councils=council)
        self.fields["unit"].queryset = units.order_by("name")
        self.initial.setdefault("unit", units.first())
        self.fields["referred_by"].queryset = council_workers()
        self._crispy()

    def clean(self):
        data = super().clean()
        if data.get("client"):
            return data
        if not (data.get("first_name", "").strip() and data.get("last_name", "").strip()):
            raise forms.ValidationError(_("Choose a client or give the new person's name."))
        if not data.get("unit"):
            self.add_error("unit", _("Choose the unit the new person's record belongs to."))
        channel = data.get("reminder_channel")
        if channel == Client.ReminderChannel.EMAIL and not data.get("email"):
            self.add_error("email", _("Messages by e-mail need an e-mail address."))
        return data

    def person(self) -> dict | None:
        data = self.cleaned_data
        if data.get("client"):
            return None
        return {
            "first_name": data["first_name"].strip(),
            "last_name": data["last_name"].strip(),
            "phone": data.get("phone") or "",
            "email": data.get("email") or "",
            "preferred_language": data["preferred_language"],
            "reminder_channel": data["reminder_channel"],
            "unit": data["unit"],
        }


class InterviewForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Interview
        fields = ["held_on", "interviewers", *Interview.TEXT_FIELDS]
        widgets = {
            "held_on": DateInput(),
            "interviewers": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in Interview.TEXT_FIELDS},
        }

    def __init__(self, *args, council, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = User.objects.filter(
            council_roles__council=council
        ).order_by("last_name", "first_name")
        self.fields["interviewers"].help_text = _("The model has two staff at each interview.")
        # The prepared questions of the model, beside the fields they fill.
        for name, question in questions:
            self.fields[name].help_text = question
        self.initial.setdefault("held_on", timezone.localdate())
        self._crispy()

    def clean_interviewers(self):
        interviewers = self.cleaned_data["interviewers"]
        if not interviewers:
            raise forms.ValidationError(_("Choose who held the interview."))
        return interviewers


class KickoffForm(CrispyMixin, forms.Form):
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Starts"), widget=TimeInput())
    end = forms.TimeField(label=_("Ends"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=300)
    description = forms.CharField(
        label=_("Programme"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: what a client council is, the leaders, coffee, questions."),
    )

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("place", council.place)
        self.initial.setdefault("start", council.start_time)
        self._crispy()

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("start") and data.get("end"):
            data["starts_at"] = wall_clock(data["day"], data["start"])
            data["ends_at"] = wall_clock(data["day"], data["end"])
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end", _("The event must end after it starts."))
        return data


class KickoffAttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Came to the event"),
        queryset=Candidate.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    forms_returned = forms.IntegerField(
        label=_("Contact forms returned"), min_value=0, max_value=500
    )

    def __init__(self, *args, kickoff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = kickoff.candidates.select_related("client")
        self.fields["present"].label_from_instance = lambda c: c.client.full_name
        self.initial.setdefault("forms_returned", kickoff.forms_returned)
        self.initial.setdefault(
            "present",
            [c.pk for c in kickoff.candidates.exclude(stage__in=selectors.NOT_YET_CAME)],
        )
