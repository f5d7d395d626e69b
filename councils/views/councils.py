"""The councils list, creating and editing a council, its page, members, topics and hours."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from councils import permissions, selectors, services
from councils.filters import CouncilFilter
from councils.forms import CouncilForm, HoursForm, MemberForm, NewMeetingForm, TopicForm
from councils.models import Candidate, Membership, Topic
from councils.views.mixins import CouncilMixin, ManageCouncilMixin, say
from councils.views.recruitment import slips_for_page
from socialwork.core.mixins import FilteredListMixin, PredicateRequiredMixin, posted_pk
from socialwork.people.services import clients_viewed


class CouncilListView(PredicateRequiredMixin, FilteredListMixin, ListView):
    template_name = "councils/council_list.html"
    context_object_name = "councils"
    paginate_by = 25
    filterset_class = CouncilFilter

    def allowed(self, user):
        return permissions.can_open_councils(user)

    def get_base_queryset(self):
        return selectors.council_list_for_user(self.request.user)

    def get_filterset_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_create=permissions.can_create_council(user),
            # The start page's card, which gets its data as "card" there too.
            answer_card={"to_answer": selectors.proposals_to_answer(user)},
            **kwargs,
        )


class CouncilCreateView(PredicateRequiredMixin, FormView):
    template_name = "councils/form.html"
    title = _lazy("New client council")
    form_class = CouncilForm

    def allowed(self, user):
        return permissions.can_create_council(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            council = services.council_create(actor=self.request.user, **form.service_data())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The council was created with %(count)d meetings.")
            % {"count": council.meetings.count()},
        )
        return redirect("councils:detail", pk=council.pk)


class CouncilUpdateView(ManageCouncilMixin, FormView):
    template_name = "councils/form.html"
    title = _lazy("Edit the council")
    form_class = CouncilForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "instance": self.get_council(),
        }

    def form_valid(self, form):
        data = form.service_data()
        for name in ("first_meeting_on", "meeting_count"):
            if form.fields[name].disabled:
                data.pop(name, None)
        try:
            services.council_update(actor=self.request.user, council=self.get_council(), **data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return self.back()


class CouncilDetailView(CouncilMixin, TemplateView):
    template_name = "councils/council_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        council, user = context["council"], self.request.user
        staff = selectors.council_staff(council)
        members = selectors.members_of(council) if context["can_view_members"] else []
        candidates = selectors.candidates_of(council) if context["can_view_members"] else []
        clients_viewed(actor=user, clients=[m.client for m in members + candidates])
        manage = context["can_manage"]
        active = council.member_count or 0
        proposals = selectors.proposals_of(council)
        return {
            **context,
            "staff": staff,
            "warnings": selectors.council_warnings(council, staff, active),
            "members": members,
            "candidates": [
                (c, [(s, Candidate.Stage(s).label) for s in services.next_stages(c)])
                for c in candidates
            ],
            "funnel": selectors.funnel_counts(council),
            "slips": slips_for_page(user, council) if manage else [],
            "kickoffs": selectors.kickoffs_of(council),
            "active_count": active,
            "meetings": list(selectors.meetings_of(council)),
            "topics": selectors.topics_waiting(council),
            "proposals": selectors.proposals_grouped(proposals),
            "commissions": selectors.commissions_of(council),
            "outputs": selectors.outputs_of(council),
            "hours": selectors.hours_of(council, user, len(staff)),
            "status_choices": council.next_statuses(),
            "member_statuses": Membership.Status.choices,
            "can_give_commission": permissions.can_give_commission(user, council),
            "meeting_form": NewMeetingForm(council=council),
            "feedback_round": selectors.feedback_round(council),
        }


class CouncilStatusView(ManageCouncilMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.council_set_status(
                actor=request.user, council=self.get_council(), status=request.POST.get("status")
            )
            messages.success(request, _("The status of the council was changed."))
        except (ValidationError, ValueError) as error:
            if isinstance(error, ValidationError):
                say(request, error)
            else:
                messages.error(request, _("Unknown status."))
        return self.back()


class MemberAddView(ManageCouncilMixin, FormView):
    template_name = "councils/form.html"
    title = _lazy("Add a member")
    form_class = MemberForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "council": self.get_council(),
        }

    def form_valid(self, form):
        try:
            services.member_add(
                actor=self.request.user,
                council=self.get_council(),
                client=form.cleaned_data["client"],
                starts_on=form.cleaned_data["starts_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The member was added."))
        return self.back()


class MemberStatusView(ManageCouncilMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        council = self.get_council()
        membership = get_object_or_404(council.memberships, pk=posted_pk(request, "membership"))
        try:
            services.member_set_status(
                actor=request.user, membership=membership, status=request.POST.get("status", "")
            )
            messages.success(request, _("The member's status was changed."))
        except ValidationError as error:
            say(request, error)
        return self.back()


class TopicAddView(ManageCouncilMixin, FormView):
    template_name = "councils/form.html"
    title = _lazy("Add a topic to the backlog")
    form_class = TopicForm

    def form_valid(self, form):
        services.topic_add(actor=self.request.user, council=self.get_council(), **form.cleaned_data)
        messages.success(self.request, _("The topic was added to the backlog."))
        return self.back()


class TopicStatusView(ManageCouncilMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        topic = get_object_or_404(
            self.get_council().topics.filter(status=Topic.Status.WAITING),
            pk=posted_pk(request, "topic"),
        )
        try:
            services.topic_set_status(
                actor=request.user, topic=topic, status=request.POST.get("status", "")
            )
        except ValidationError as error:
            say(request, error)
        return self.back()


class MeetingsPlanView(ManageCouncilMixin, View):
    """More meetings on the cadence, or one meeting by hand."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        council = self.get_council()
        try:
            if "count" in request.POST:
                count = request.POST.get("count", "")
                count = int(count) if count.isascii() and count.isdigit() and len(count) < 4 else 0
                made = services.meetings_plan_more(council=council, count=count)
                messages.success(
                    request, _("%(count)d meetings were added.") % {"count": len(made)}
                )
            else:
                form = NewMeetingForm(request.POST, council=council)
                if not form.is_valid():
                    messages.error(request, _("Check the date, time and length of the meeting."))
                    return self.back()
                meeting = services.meeting_add(
                    actor=request.user, council=council, **form.cleaned_data
                )
                return redirect("councils:meeting_detail", pk=meeting.pk)
        except ValidationError as error:
            say(request, error)
        return self.back()


class HoursView(ManageCouncilMixin, FormView):
    template_name = "councils/form.html"
    title = _lazy("My hours for the council")
    form_class = HoursForm

    def get_context_data(self, **kwargs):
        council = self.get_council()
        return super().get_context_data(
            history=selectors.hours_history(council),
            hours=selectors.hours_of(council, self.request.user, council.staff.count()),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.hours_record(
                actor=self.request.user, council=self.get_council(), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your hours were saved."))
        return self.back()


class FeedbackRoundView(ManageCouncilMixin, View):
    """This month's round of the members' feedback on the council."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.feedback_round_open(actor=request.user, council=self.get_council())
        except ValidationError as error:
            say(request, error)
            return redirect(self.back().url + "#feedback")
        messages.success(
            request,
            _(
                "The feedback round is open: members find the questions on their own page, "
                "and the printed form is ready in a moment."
            ),
        )
        return redirect(self.back().url + "#feedback")
