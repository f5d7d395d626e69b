"""Groups and programmes: the lists, creating and editing a group, its page and register."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from groups import permissions, selectors, services
from groups.filters import RunFilter
from groups.forms import (
    RunForm,
)
from groups.models import (
    Programme,
)
from groups.views.mixins import (
    ManageRunMixin,
    RunMixin,
    validation_message,
)
from socialwork.core.mixins import ExportableListMixin, FilteredListMixin, PredicateRequiredMixin
from socialwork.people.services import clients_viewed


class RunListView(PredicateRequiredMixin, ExportableListMixin, FilteredListMixin, ListView):
    template_name = "groups/run_list.html"
    context_object_name = "runs"
    paginate_by = 25
    filterset_class = RunFilter
    # The groups, not their participants: a spreadsheet names nobody.
    export_name = "ryhmat"
    export_columns = (
        (gettext_lazy("Group"), lambda run: run.name),
        (gettext_lazy("Programme"), lambda run: run.programme.name),
        (gettext_lazy("Unit"), lambda run: run.unit.name),
        (gettext_lazy("Starts"), lambda run: run.starts_on),
        (gettext_lazy("Ends"), lambda run: run.ends_on),
        (gettext_lazy("Status"), lambda run: run.get_status_display()),
        (gettext_lazy("Participants"), lambda run: run.participant_count),
    )

    def allowed(self, user):
        return permissions.can_list_runs(user)

    def get_base_queryset(self):
        return selectors.run_list_for_user(self.request.user)

    def get_filterset_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_create=permissions.can_create_run(self.request.user), **kwargs
        )


class ProgrammeListView(PredicateRequiredMixin, ListView):
    template_name = "groups/programme_list.html"
    context_object_name = "programmes"

    def allowed(self, user):
        return permissions.can_view_programmes(user)

    def get_queryset(self):
        return selectors.programme_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_create=permissions.can_create_run(self.request.user), **kwargs
        )


class ProgrammeDetailView(PredicateRequiredMixin, DetailView):
    template_name = "groups/programme_detail.html"
    context_object_name = "programme"

    def allowed(self, user):
        return permissions.can_view_programmes(user)

    def get_queryset(self):
        return Programme.objects.filter(is_active=True).select_related("question_set")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_create=permissions.can_create_run(self.request.user), **kwargs
        )


class RunCreateView(PredicateRequiredMixin, FormView):
    template_name = "groups/run_form.html"
    form_class = RunForm

    def allowed(self, user):
        return permissions.can_create_run(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        programme = selectors.programme_active_get(self.request.GET.get("programme", ""))
        return RunForm.initial_for(user=self.request.user, programme=programme)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            run = services.run_create(actor=self.request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The group was created with %(count)d sessions.")
            % {"count": selectors.run_session_count(run)},
        )
        if form.facilitator_warning():
            messages.warning(
                self.request, _("The group has only one facilitator. A pair is recommended.")
            )
        return redirect("groups:run_detail", pk=run.pk)


class RunDetailView(RunMixin, TemplateView):
    template_name = "groups/run_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = selectors.run_page(
            context["run"], with_participants=context["can_view_participants"]
        )
        clients_viewed(
            actor=self.request.user, clients=[e.client for e in page.enrolments + page.waiting]
        )
        return {**context, **vars(page)}


class RunUpdateView(ManageRunMixin, FormView):
    template_name = "groups/run_form.html"
    form_class = RunForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "instance": self.get_run()}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            services.run_update(actor=self.request.user, run=self.get_run(), **data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        if form.facilitator_warning():
            messages.warning(
                self.request, _("The group has only one facilitator. A pair is recommended.")
            )
        return redirect("groups:run_detail", pk=self.get_run().pk)


class RunStatusView(ManageRunMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.run_set_status(
                actor=request.user, run=self.get_run(), status=request.POST.get("status", "")
            )
            messages.success(request, _("The status of the group was changed."))
        except (ValidationError, ValueError) as error:
            messages.error(
                request,
                validation_message(error)
                if isinstance(error, ValidationError)
                else _("Unknown status."),
            )
        return redirect("groups:run_detail", pk=self.get_run().pk)


class RegisterView(RunMixin, TemplateView):
    template_name = "groups/register.html"
    object_predicate = permissions.can_view_participants

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        register = selectors.run_register(context["run"])
        clients_viewed(actor=self.request.user, clients=[row[0].client for row in register.rows])
        return {**context, "register": register}
