"""Recruitment: candidates (from a contact slip with one click, or added by hand), their
stage, the interview record and the kick-off event with its invitations."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView

from councils import permissions, selectors, services
from councils.forms import CandidateForm, InterviewForm, KickoffAttendanceForm, KickoffForm
from councils.models import Candidate
from councils.seed import interview_questions
from councils.views.mixins import ManageCouncilMixin, say
from feedback.services import contact_slips_viewed
from socialwork.core.mixins import ObjectForUserMixin, posted_pk
from socialwork.people.services import client_viewed, clients_viewed


class CandidateAddView(ManageCouncilMixin, FormView):
    template_name = "councils/form.html"
    title = _lazy("Add a candidate")
    form_class = CandidateForm

    def get_kickoff(self):
        """The kick-off event whose contact form brought the person (?kickoff=<id>)."""
        value = self.request.GET.get("kickoff", "")
        if not (value.isascii() and value.isdigit() and len(value) < 12):
            return None
        return self.get_council().kickoffs.filter(pk=value).first()

    def get_form_kwargs(self):
        kickoff = self.get_kickoff()
        initial = {"source": Candidate.Source.KICKOFF} if kickoff else {}
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "council": self.get_council(),
            "initial": initial,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(kickoff=self.get_kickoff(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        kickoff = self.get_kickoff()
        try:
            services.candidate_create(
                actor=self.request.user,
                council=self.get_council(),
                client=data.get("client"),
                person=form.person(),
                source=data["source"],
                referred_by=data.get("referred_by"),
                kickoff=kickoff,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The candidate was added."))
        if kickoff is not None:
            return redirect("councils:kickoff_detail", pk=kickoff.pk)
        return redirect(self.back().url + "#candidates")


class CandidateFromSlipView(ManageCouncilMixin, View):
    """One click: the person on a contact slip becomes a candidate; the slip is handled."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        council = self.get_council()
        try:
            slip_id = uuid.UUID(request.POST.get("slip", ""))
        except ValueError as error:
            raise Http404 from error
        # Only a slip this page offers: one the leader reads, for this council's units.
        slip = next(
            (s for s in selectors.slips_for(council, request.user) if s.pk == slip_id), None
        )
        if slip is None:
            raise Http404
        try:
            candidate, checks = services.candidate_from_slip(
                actor=request.user, council=council, slip=slip
            )
        except ValidationError as error:
            say(request, error)
        else:
            messages.success(
                request,
                _("%(name)s is now a candidate and the slip is marked as contacted.")
                % {"name": candidate.client.full_name},
            )
            for check in checks:
                messages.warning(request, check)
        return redirect(self.back().url + "#candidates")


class CandidateStageView(ManageCouncilMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        council = self.get_council()
        candidate = get_object_or_404(council.candidates, pk=posted_pk(request, "candidate"))
        stage = request.POST.get("stage", "")
        if stage not in Candidate.Stage.values:
            messages.error(request, _("Choose a stage."))
            return redirect(self.back().url + "#candidates")
        try:
            services.candidate_set_stage(
                actor=request.user,
                candidate=candidate,
                stage=stage,
                note=request.POST.get("note", ""),
            )
        except ValidationError as error:
            say(request, error)
        else:
            if stage == Candidate.Stage.ACCEPTED:
                messages.success(
                    request,
                    _("%(name)s was accepted and is now a member.")
                    % {"name": candidate.client.full_name},
                )
            else:
                messages.success(request, _("The candidate's stage was changed."))
        return redirect(self.back().url + "#candidates")


class InterviewView(ObjectForUserMixin, FormView):
    """The interview record: the council's leaders only; every opening is audited."""

    template_name = "councils/interview.html"
    form_class = InterviewForm
    object_selector = selectors.candidate_get_for_user
    object_predicate = permissions.can_view_interview

    def allowed(self, user):
        return permissions.can_open_councils(user)

    def get_form_kwargs(self):
        candidate = self.get_object()
        return {
            **super().get_form_kwargs(),
            "instance": getattr(candidate, "interview", None),
            "council": candidate.council,
            "questions": interview_questions(candidate.council.kind),
        }

    def get_context_data(self, **kwargs):
        candidate = self.get_object()
        interview = getattr(candidate, "interview", None)
        if interview is not None and self.request.method == "GET":
            services.interview_viewed(actor=self.request.user, interview=interview)
        client_viewed(actor=self.request.user, client=candidate.client)
        return super().get_context_data(
            candidate=candidate,
            council=candidate.council,
            interview=interview,
            **kwargs,
        )

    def form_valid(self, form):
        candidate = self.get_object()
        data = {k: v for k, v in form.cleaned_data.items() if k != "interviewers"}
        try:
            services.interview_save(
                actor=self.request.user,
                candidate=candidate,
                interviewers=form.cleaned_data["interviewers"],
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The interview was saved."))
        return redirect("councils:interview", pk=candidate.pk)


class InterviewTopicsView(ObjectForUserMixin, View):
    http_method_names = ["post"]
    object_selector = selectors.candidate_get_for_user
    object_predicate = permissions.can_view_interview

    def allowed(self, user):
        return permissions.can_open_councils(user)

    def post(self, request, *args, **kwargs):
        candidate = self.get_object()
        interview = getattr(candidate, "interview", None)
        if interview is None:
            messages.error(request, _("Write the interview first."))
            return redirect("councils:interview", pk=candidate.pk)
        try:
            topics, held = services.interview_topics_move(actor=request.user, interview=interview)
        except ValidationError as error:
            say(request, error)
        else:
            messages.success(
                request,
                _("%(count)d topics were moved to the council's backlog, without the name.")
                % {"count": len(topics)},
            )
            if held:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d topic names the person and stayed here: write it without "
                        "the name and move the topics again.",
                        "%(count)d topics name the person and stayed here: write them without "
                        "the name and move the topics again.",
                        held,
                    )
                    % {"count": held},
                )
        return redirect("councils:interview", pk=candidate.pk)


# --- The kick-off event -------------------------------------------------------------------


class KickoffCreateView(ManageCouncilMixin, FormView):
    template_name = "councils/form.html"
    title = _lazy("New kick-off event")
    form_class = KickoffForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "council": self.get_council()}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            kickoff = services.kickoff_save(
                actor=self.request.user,
                council=self.get_council(),
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                description=data["description"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The event was created. Now invite the candidates."))
        return redirect("councils:kickoff_detail", pk=kickoff.pk)


class KickoffMixin(ObjectForUserMixin):
    object_selector = selectors.kickoff_get_for_user

    @staticmethod
    def object_predicate(user, kickoff):
        return permissions.can_manage_council(user, kickoff.council)

    def allowed(self, user):
        return permissions.can_open_councils(user)

    def back(self):
        return redirect("councils:kickoff_detail", pk=self.get_object().pk)


class KickoffDetailView(KickoffMixin, FormView):
    """The event: who was invited and how the invitation went, who came, how many contact
    forms came back; invitations to the candidates not yet invited."""

    template_name = "councils/kickoff_detail.html"
    form_class = KickoffAttendanceForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kickoff": self.get_object()}

    def get_context_data(self, **kwargs):
        kickoff = self.get_object()
        council = kickoff.council
        invited = selectors.candidates_of(council, kickoff=kickoff)
        to_invite = [c for c in selectors.invitable(council) if c.kickoff_id != kickoff.pk]
        sent = selectors.kickoff_messages(kickoff)
        clients_viewed(actor=self.request.user, clients=[c.client for c in invited + to_invite])
        return super().get_context_data(
            kickoff=kickoff,
            council=council,
            rows=[(c, sent.get(c.client_id)) for c in invited],
            to_invite=to_invite,
            started=kickoff.starts_at <= timezone.now(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.kickoff_attendance(
                actor=self.request.user,
                kickoff=self.get_object(),
                present_ids=[c.pk for c in form.cleaned_data["present"]],
                forms_returned=form.cleaned_data["forms_returned"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Who came was saved."))
        return self.back()

    def form_invalid(self, form):
        messages.error(self.request, _("Check the marked fields. Nothing was saved."))
        return super().form_invalid(form)


class KickoffInviteView(KickoffMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        kickoff = self.get_object()
        ids = [pk for pk in request.POST.getlist("candidate") if pk.isdigit() and len(pk) < 12]
        candidates = list(kickoff.council.candidates.filter(pk__in=ids).select_related("client"))
        if not candidates:
            messages.error(request, _("Choose whom to invite."))
            return self.back()
        try:
            count = services.kickoff_invite(
                actor=request.user, kickoff=kickoff, candidates=candidates
            )
        except ValidationError as error:
            say(request, error)
        else:
            messages.success(
                request,
                _("%(count)d invitations are in the outbox, each by the person's own channel.")
                % {"count": count},
            )
        return self.back()


def slips_for_page(user, council):
    """The open slips the council's page offers to turn into candidates (each one shown is
    in the audit log, as on the contact slips page)."""
    slips = selectors.slips_for(council, user)
    contact_slips_viewed(actor=user, slips=slips)
    return slips
