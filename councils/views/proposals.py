"""Proposals from drafting to outcome, the manager's answer, commissions and outputs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from councils import permissions, selectors, services
from councils.filters import ProposalFilter
from councils.forms import (
    AnswerForm,
    CommissionAnswerForm,
    CommissionForm,
    OutcomeForm,
    OutputForm,
    PaperAnswerForm,
    ProposalForm,
    ReportForm,
)
from councils.models import Commission, Proposal
from councils.views.mixins import (
    CouncilMixin,
    ManageCouncilMixin,
    ManageProposalMixin,
    ProposalMixin,
    say,
)
from socialwork.core.mixins import (
    ExportableListMixin,
    FilteredListMixin,
    PredicateRequiredMixin,
)


def _local_day(moment):
    return timezone.localdate(moment) if moment else None


class ProposalListView(PredicateRequiredMixin, ExportableListMixin, FilteredListMixin, ListView):
    """Every proposal and statement the councils the user sees have sent: what the
    councils dashboard counts, as a list to open, and as a spreadsheet."""

    template_name = "councils/proposal_list.html"
    context_object_name = "proposals"
    paginate_by = 30
    filterset_class = ProposalFilter
    export_name = "aloitteet"
    export_columns = (
        (_lazy("Title"), lambda p: p.title),
        (_lazy("Kind"), lambda p: p.get_kind_display()),
        (_lazy("Council"), lambda p: p.council.name),
        (pgettext_lazy("recipient", "To"), lambda p: p.recipient_label),
        (_lazy("Sent"), lambda p: _local_day(p.sent_at)),
        (_lazy("answer by"), lambda p: p.deadline),
        (_lazy("Answered"), lambda p: p.answered_on),
        (_lazy("Status"), lambda p: p.get_status_display()),
        (_lazy("Outcome"), lambda p: p.get_outcome_display()),
    )

    def allowed(self, user):
        return permissions.can_open_councils(user)

    def get_base_queryset(self):
        return selectors.proposals_for_user(self.request.user)

    def get_filterset_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class ProposalCreateView(ManageCouncilMixin, FormView):
    template_name = "councils/form.html"
    title = _lazy("New proposal or statement")
    form_class = ProposalForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "council": self.get_council()}

    def get_initial(self):
        return {
            "deadline": services.default_deadline(),
            "responsible": self.request.user,
            "recipient_kind": Proposal.Recipient.MANAGER,
        }

    def form_valid(self, form):
        try:
            proposal = services.proposal_create(
                actor=self.request.user, council=self.get_council(), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The proposal was saved as a draft."))
        return redirect("councils:proposal_detail", pk=proposal.pk)


class ProposalUpdateView(ManageProposalMixin, FormView):
    template_name = "councils/form.html"
    title = _lazy("Edit the proposal")
    form_class = ProposalForm

    def get_form_kwargs(self):
        proposal = self.get_proposal()
        return {**super().get_form_kwargs(), "council": proposal.council, "instance": proposal}

    def form_valid(self, form):
        try:
            services.proposal_update(
                actor=self.request.user, proposal=self.get_proposal(), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return self.back()


class ProposalDetailView(ProposalMixin, TemplateView):
    template_name = "councils/proposal_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = context["proposal"]
        return {
            **context,
            "paper_form": PaperAnswerForm(),
            "report_form": ReportForm(proposal=proposal),
            "outcome_form": OutcomeForm(
                initial={"outcome": proposal.outcome, "reason": proposal.outcome_reason}
            ),
            "overdue": proposal.status == Proposal.Status.SENT
            and proposal.deadline is not None
            and proposal.deadline < timezone.localdate(),
            "messages_sent": _messages_about(proposal) if context["can_manage"] else [],
        }


def _messages_about(proposal):
    from socialwork.messaging.selectors import messages_about

    return messages_about(proposal)


class ProposalActionView(ManageProposalMixin, View):
    """Send; record an answer that came on paper; tell the council; record the outcome."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        proposal = self.get_proposal()
        action = request.POST.get("action", "")
        try:
            if action == "send":
                services.proposal_send(actor=request.user, proposal=proposal)
                messages.success(request, _("The proposal was sent."))
            elif action == "paper":
                form = PaperAnswerForm(request.POST)
                if not form.is_valid():
                    return self._invalid(form)
                services.proposal_record_answer(
                    actor=request.user,
                    proposal=proposal,
                    text=form.cleaned_data["answer"],
                    by_name=form.cleaned_data["by_name"],
                    answered_on=form.cleaned_data["answered_on"],
                )
                messages.success(request, _("The answer was recorded."))
            elif action == "report":
                form = ReportForm(request.POST, proposal=proposal)
                if not form.is_valid():
                    return self._invalid(form)
                services.proposal_report(
                    actor=request.user, proposal=proposal, meeting=form.cleaned_data["meeting"]
                )
                messages.success(request, _("Recorded: the answer was told to the council."))
            elif action == "outcome":
                form = OutcomeForm(request.POST)
                if not form.is_valid():
                    return self._invalid(form)
                services.proposal_outcome(
                    actor=request.user,
                    proposal=proposal,
                    outcome=form.cleaned_data["outcome"],
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("The outcome was recorded."))
            else:
                messages.error(request, _("Unknown action."))
        except ValidationError as error:
            say(request, error)
        return self.back()

    def _invalid(self, form):
        for errors in form.errors.values():
            messages.error(self.request, " ".join(errors))
        return self.back()


class ProposalAnswerView(ProposalMixin, FormView):
    """The manager's answer page."""

    template_name = "councils/proposal_answer.html"
    form_class = AnswerForm
    object_predicate = permissions.can_answer_proposal

    def form_valid(self, form):
        try:
            services.proposal_answer(
                actor=self.request.user,
                proposal=self.get_proposal(),
                text=form.cleaned_data["answer"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you. Your answer goes back to the council."))
        return self.back()


class CommissionCreateView(CouncilMixin, FormView):
    template_name = "councils/form.html"
    title = _lazy("Give the council a commission")
    form_class = CommissionForm
    object_predicate = permissions.can_give_commission

    def form_valid(self, form):
        try:
            services.commission_give(
                actor=self.request.user, council=self.get_council(), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The commission was given to the council."))
        return self.back()


class CommissionAnswerView(ManageCouncilMixin, FormView):
    template_name = "councils/form.html"
    title = _lazy("The council's answer to a commission")
    form_class = CommissionAnswerForm

    def get_commission(self) -> Commission:
        return get_object_or_404(self.get_council().commissions, pk=self.kwargs["commission_pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "council": self.get_council()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(commission=self.get_commission(), **kwargs)

    def form_valid(self, form):
        try:
            services.commission_answer(
                actor=self.request.user, commission=self.get_commission(), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The council's answer was saved."))
        return self.back()


class OutputCreateView(ManageCouncilMixin, FormView):
    template_name = "councils/form.html"
    title = _lazy("Add an output")
    form_class = OutputForm

    def form_valid(self, form):
        try:
            services.output_add(
                actor=self.request.user, council=self.get_council(), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The output was added."))
        return self.back()
