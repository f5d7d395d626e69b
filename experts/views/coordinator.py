"""The coordinator's pages: the experts and the funnel, a new expert (by hand or from a
contact slip), the private file with its interview, training, CV versions and the expert's
page link. The coordinator alone reaches them; every opening of a private file is in the
audit log."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from experts import forms, selectors, services
from experts.models import CV, Expert, Interview
from experts.views.mixins import CoordinatorMixin, ExpertFileMixin, say
from feedback.services import contact_slips_viewed


class ManageView(CoordinatorMixin, TemplateView):
    template_name = "experts/manage.html"

    def get_context_data(self, **kwargs):
        experts = list(selectors.experts_for_coordinator())
        slips = selectors.open_slips(self.request.user)
        contact_slips_viewed(actor=self.request.user, slips=slips)
        funnel = selectors.funnel_counts()
        return super().get_context_data(
            experts=experts,
            slips=slips,
            funnel=[(Expert.Status(s).label, n) for s, n in funnel.items()],
            **kwargs,
        )


class ExpertNewView(CoordinatorMixin, FormView):
    template_name = "experts/form.html"
    form_class = forms.ExpertNewForm
    title = gettext_lazy("Add a person interested in expert work")

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            expert = services.expert_new_person(
                actor=self.request.user,
                unit=data["unit"],
                person=form.person(),
                sms_consent=data["sms_consent"],
                source=data["source"],
                referred_by=data.get("referred_by"),
                employment=data["employment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The person was added as a candidate."))
        return redirect("experts:file", pk=expert.pk)


class ExpertFromSlipView(CoordinatorMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            slip_id = uuid.UUID(request.POST.get("slip", ""))
        except ValueError as error:
            raise Http404 from error
        slip = next((s for s in selectors.open_slips(request.user) if s.pk == slip_id), None)
        if slip is None:
            raise Http404
        from socialwork.people.models import Unit

        try:
            expert, checks = services.expert_from_slip(
                actor=request.user,
                slip=slip,
                unit=Unit.objects.filter(is_active=True).order_by("name").first(),
            )
        except ValidationError as error:
            say(request, error)
            return redirect("experts:manage")
        messages.success(
            request,
            _("%(name)s is now a candidate and the slip is marked as contacted.")
            % {"name": expert.client.full_name},
        )
        for check in checks:
            messages.warning(request, check)
        return redirect("experts:file", pk=expert.pk)


class FileView(ExpertFileMixin, TemplateView):
    template_name = "experts/file.html"

    def get_context_data(self, **kwargs):
        expert = self.get_expert()
        return super().get_context_data(
            interview=selectors.interview_of(expert),
            versions=selectors.cv_versions(expert),
            bookings=list(selectors.bookings_of(expert)[:30]),
            totals=selectors.fee_totals(expert),
            attendance=list(selectors.attendance_of(expert)[:20]),
            next_statuses=[(s, Expert.Status(s).label) for s in services.next_statuses(expert)],
            link=services.page_link_open(expert),
            approve_choices=CV.ApprovedHow.choices,
            **kwargs,
        )


class FileFormView(ExpertFileMixin, FormView):
    """The private file's own fields."""

    template_name = "experts/form.html"
    form_class = forms.PrivateFileForm
    title = gettext_lazy("Edit the private file")
    audit_view = False  # the form shows the fields again: its opening is a reading

    def get(self, request, *args, **kwargs):
        services.expert_viewed(actor=request.user, expert=self.get_expert())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_expert()}

    def form_valid(self, form):
        try:
            services.expert_update(
                actor=self.request.user,
                expert=self.get_expert(),
                **{f: form.cleaned_data[f] for f in form.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The private file was saved."))
        return redirect("experts:file", pk=self.get_expert().pk)


class PersonFormView(ExpertFileMixin, FormView):
    template_name = "experts/form.html"
    form_class = forms.PersonForm
    title = gettext_lazy("Contact details")
    audit_view = False

    def get(self, request, *args, **kwargs):
        services.expert_viewed(actor=request.user, expert=self.get_expert())
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        client = self.get_expert().client
        return {
            "first_name": client.first_name,
            "last_name": client.last_name,
            "phone": client.phone,
            "email": client.email,
            "preferred_language": client.preferred_language,
            "reminder_channel": client.reminder_channel,
            "sms_consent": client.has_sms_consent,
        }

    def form_valid(self, form):
        try:
            services.expert_person_update(
                actor=self.request.user,
                expert=self.get_expert(),
                sms_consent=form.cleaned_data["sms_consent"],
                **form.person(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The contact details were saved."))
        return redirect("experts:file", pk=self.get_expert().pk)


class StatusView(ExpertFileMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        expert = self.get_expert()
        status = request.POST.get("status", "")
        if status not in Expert.Status.values:
            messages.error(request, _("Choose a status."))
            return redirect("experts:file", pk=expert.pk)
        try:
            services.expert_set_status(actor=request.user, expert=expert, status=status)
        except ValidationError as error:
            say(request, error)
        else:
            messages.success(request, _("The expert's status was changed."))
        return redirect("experts:file", pk=expert.pk)


class InterviewView(ExpertFileMixin, FormView):
    """The interview record: the prepared questions beside the fields; every reading and
    writing is in the audit log."""

    template_name = "experts/form.html"
    form_class = forms.InterviewForm
    title = gettext_lazy("Interview")
    audit_view = False

    def get_interview(self):
        return selectors.interview_of(self.get_expert())

    def get(self, request, *args, **kwargs):
        interview = self.get_interview()
        if interview is not None:
            services.interview_viewed(actor=request.user, interview=interview)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_interview()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(questions=Interview.QUESTIONS, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.interview_save(
                actor=self.request.user,
                expert=self.get_expert(),
                interviewers=data["interviewers"],
                **{f: data[f] for f in ("held_on", *Interview.TEXT_FIELDS)},
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The interview was saved."))
        return redirect("experts:file", pk=self.get_expert().pk)


class TrainingAddView(ExpertFileMixin, FormView):
    template_name = "experts/form.html"
    form_class = forms.TrainingForm
    title = gettext_lazy("Add a training")
    audit_view = False

    def form_valid(self, form):
        try:
            services.training_add(
                actor=self.request.user, expert=self.get_expert(), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The training was added."))
        return redirect("experts:file", pk=self.get_expert().pk)


class CVEditView(ExpertFileMixin, FormView):
    """The CV's draft, on the seed's form, written together with the expert."""

    template_name = "experts/form.html"
    form_class = forms.CVForm
    title = gettext_lazy("The CV")
    audit_view = False

    def get_form_kwargs(self):
        expert = self.get_expert()
        draft = selectors.cv_draft(expert) or expert.cvs.order_by("-version").first()
        instance = draft or CV(
            expert=expert,
            name=expert.client.full_name,
            language=expert.client.preferred_language,
        )
        return {**super().get_form_kwargs(), "instance": instance}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lead=_(
                "Write the CV together with the expert, in their words. Saving makes a draft: "
                "the published CV stays on the roster until the new one is approved by the "
                "expert and published."
            ),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.cv_save(actor=self.request.user, expert=self.get_expert(), **form.cv_data())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The draft was saved. Ask the expert to approve it."))
        return redirect("experts:file", pk=self.get_expert().pk)


class CVStepView(ExpertFileMixin, View):
    """Approve (with how the expert approved) or publish the newest version."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        expert = self.get_expert()
        cv = selectors.cv_draft(expert)
        if cv is None:
            messages.error(request, _("There is no draft or approved version."))
            return redirect("experts:file", pk=expert.pk)
        try:
            if kwargs["step"] == "approve":
                form = forms.ApproveForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Say how the expert approved the CV."))
                services.cv_approve(actor=request.user, cv=cv, how=form.cleaned_data["how"])
                messages.success(request, _("The expert's approval was recorded."))
            else:
                services.cv_publish(actor=request.user, cv=cv)
                messages.success(request, _("The CV is now on the roster."))
        except ValidationError as error:
            say(request, error)
        return redirect("experts:file", pk=expert.pk)


class PageLinkView(ExpertFileMixin, View):
    """A new address for the expert's own page, sent by their channel."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.page_link_renew(actor=request.user, expert=self.get_expert())
        except ValidationError as error:
            say(request, error)
        else:
            messages.success(
                request, _("A new link was sent to the expert. The old one no longer works.")
            )
        return redirect("experts:file", pk=self.get_expert().pk)
