"""The participants of a group, their goals and the group's theme wishes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from groups import services
from groups.forms import (
    EnrolmentCreateForm,
    EnrolmentUpdateForm,
    GoalForm,
    WishForm,
)
from groups.models import (
    Enrolment,
    GroupGoal,
    PersonalGoal,
)
from groups.views.mixins import (
    EnrolmentMixin,
    ManageRunMixin,
)
from socialwork.people.services import client_viewed, clients_viewed


class EnrolmentCreateView(ManageRunMixin, FormView):
    template_name = "groups/enrolment_form.html"
    form_class = EnrolmentCreateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "run": self.get_run()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The picker lists clients by name: each one it shows is in the log.
        picker = context["form"].fields["client"]
        clients_viewed(actor=self.request.user, clients=list(picker.queryset))
        return context

    def form_valid(self, form):
        try:
            enrolment = services.enrolment_add(
                actor=self.request.user, run=self.get_run(), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if enrolment.status == Enrolment.Status.WAITING:
            messages.warning(
                self.request,
                _("The group is full. %(name)s was put on the waiting list.")
                % {"name": enrolment.client},
            )
        else:
            messages.success(
                self.request, _("%(name)s was added to the group.") % {"name": enrolment.client}
            )
        return redirect("groups:run_detail", pk=self.get_run().pk)


class EnrolmentUpdateView(EnrolmentMixin, FormView):
    template_name = "groups/enrolment_form.html"
    form_class = EnrolmentUpdateForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "run": self.get_run(),
            "instance": self.get_enrolment(),
        }

    def get(self, request, *args, **kwargs):
        # The participant page shows the client's details: a view in the audit log.
        client_viewed(actor=request.user, client=self.get_enrolment().client)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        enrolment = self.get_enrolment()
        return super().get_context_data(
            enrolment=enrolment, personal_goals=enrolment.goals.all(), **kwargs
        )

    def form_valid(self, form):
        try:
            services.enrolment_update(
                actor=self.request.user, enrolment=self.get_enrolment(), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect("groups:run_detail", pk=self.get_run().pk)


class GroupGoalView(ManageRunMixin, FormView):
    template_name = "groups/goal_form.html"
    form_class = GoalForm

    def get_goal(self) -> GroupGoal | None:
        if "goal_pk" not in self.kwargs:
            return None
        return get_object_or_404(self.get_run().goals, pk=self.kwargs["goal_pk"])

    def get_initial(self):
        goal = self.get_goal()
        return {"text": goal.text, "status": goal.status} if goal else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(goal=self.get_goal(), subject=_("group goal"), **kwargs)

    def form_valid(self, form):
        services.group_goal_save(
            actor=self.request.user, run=self.get_run(), goal=self.get_goal(), **form.cleaned_data
        )
        messages.success(self.request, _("The goal was saved."))
        return redirect("groups:run_detail", pk=self.get_run().pk)


class PersonalGoalView(EnrolmentMixin, FormView):
    template_name = "groups/goal_form.html"
    form_class = GoalForm

    def get_goal(self) -> PersonalGoal | None:
        if "goal_pk" not in self.kwargs:
            return None
        return get_object_or_404(self.get_enrolment().goals, pk=self.kwargs["goal_pk"])

    def get_initial(self):
        goal = self.get_goal()
        return {"text": goal.text, "status": goal.status} if goal else {}

    def get(self, request, *args, **kwargs):
        # The page names the participant and shows their goal: a view in the audit log.
        client_viewed(actor=request.user, client=self.get_enrolment().client)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            goal=self.get_goal(),
            enrolment=self.get_enrolment(),
            subject=_("personal goal"),
            **kwargs,
        )

    def form_valid(self, form):
        enrolment = self.get_enrolment()
        services.personal_goal_save(
            actor=self.request.user, enrolment=enrolment, goal=self.get_goal(), **form.cleaned_data
        )
        messages.success(self.request, _("The goal was saved."))
        return redirect("groups:enrolment_update", pk=self.get_run().pk, enrolment_pk=enrolment.pk)


class WishCreateView(ManageRunMixin, FormView):
    template_name = "groups/wish_form.html"
    form_class = WishForm

    def form_valid(self, form):
        services.wish_add(
            actor=self.request.user, run=self.get_run(), text=form.cleaned_data["text"]
        )
        messages.success(self.request, _("The wish was recorded."))
        return redirect("groups:run_detail", pk=self.get_run().pk)
