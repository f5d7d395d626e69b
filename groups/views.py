from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from groups import permissions, selectors, services
from groups.forms import (
    EnrolmentCreateForm,
    EnrolmentUpdateForm,
    GoalForm,
    RunForm,
    SessionCancelForm,
    SessionForm,
    WishForm,
)
from groups.models import Attendance, Enrolment, GroupGoal, GroupRun, PersonalGoal, Programme
from socialwork.core.mixins import PredicateRequiredMixin
from socialwork.people.services import client_viewed


def _validation_message(error: ValidationError) -> str:
    return " ".join(error.messages)


class RunListView(PredicateRequiredMixin, ListView):
    template_name = "groups/run_list.html"
    context_object_name = "runs"
    paginate_by = 25

    def allowed(self, user):
        return permissions.can_list_runs(user)

    def get_queryset(self):
        return selectors.run_list_for_user(self.request.user)

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


class RunCreateView(PredicateRequiredMixin, FormView):
    template_name = "groups/run_form.html"
    form_class = RunForm

    def allowed(self, user):
        return permissions.can_create_run(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        initial = {"facilitators": [self.request.user.pk]}
        raw = self.request.GET.get("programme", "")
        programme = (
            Programme.objects.filter(pk=raw, is_active=True).first() if raw.isdigit() else None
        )
        if programme:
            initial.update(
                programme=programme.pk,
                name=programme.name,
                cadence=programme.cadence,
                weekdays=programme.weekdays,
                start_time=programme.start_time,
                session_minutes=programme.session_minutes,
                session_count=programme.session_count,
                min_size=programme.min_size,
                max_size=programme.max_size,
            )
        return initial

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        try:
            run = services.run_create(actor=self.request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The group was created with %(count)d sessions.") % {"count": run.sessions.count()},
        )
        if form.facilitator_warning():
            messages.warning(
                self.request, _("The group has only one facilitator. A pair is recommended.")
            )
        return redirect("groups:run_detail", pk=run.pk)


class RunMixin(PredicateRequiredMixin):
    """Loads the run through the selector: a run the user may not see answers 404."""

    def allowed(self, user):
        return permissions.can_list_runs(user)

    def run_allowed(self, user, run) -> bool:
        return True

    def get_run(self) -> GroupRun:
        if not hasattr(self, "_run"):
            run = selectors.run_get_for_user(self.request.user, self.kwargs["pk"])
            if run is None:
                raise Http404
            self._run = run
        return self._run

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if (
            user.is_authenticated
            and self.allowed(user)
            and not self.run_allowed(user, self.get_run())
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        run = self.get_run()
        user = self.request.user
        return super().get_context_data(
            run=run,
            can_manage=permissions.can_manage_run(user, run),
            can_view_participants=permissions.can_view_participants(user, run),
            **kwargs,
        )


class ManageRunMixin(RunMixin):
    def run_allowed(self, user, run):
        return permissions.can_manage_run(user, run)


class RunDetailView(RunMixin, TemplateView):
    template_name = "groups/run_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = context["run"]
        enrolments = list(selectors.run_enrolments(run)) if context["can_view_participants"] else []
        return {
            **context,
            "sessions": selectors.run_sessions(run),
            "enrolments": [e for e in enrolments if e.status != Enrolment.Status.WAITING],
            "waiting": [e for e in enrolments if e.status == Enrolment.Status.WAITING],
            "goals": run.goals.all(),
            "wishes": run.theme_wishes.select_related("session"),
            "facilitator_count": len(run.facilitators.all()),
            "status_choices": [
                (s, GroupRun.Status(s).label) for s in services.RUN_TRANSITIONS[run.status]
            ],
        }


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
                _validation_message(error)
                if isinstance(error, ValidationError)
                else _("Unknown status."),
            )
        return redirect("groups:run_detail", pk=self.get_run().pk)


class RegisterView(RunMixin, TemplateView):
    template_name = "groups/register.html"

    def run_allowed(self, user, run):
        return permissions.can_view_participants(user, run)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "register": selectors.run_register(context["run"])}


class EnrolmentCreateView(ManageRunMixin, FormView):
    template_name = "groups/enrolment_form.html"
    form_class = EnrolmentCreateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "run": self.get_run()}

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


class EnrolmentMixin(ManageRunMixin):
    def get_enrolment(self) -> Enrolment:
        return get_object_or_404(
            self.get_run().enrolments.select_related("client"), pk=self.kwargs["enrolment_pk"]
        )


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


# --- Sessions ----------------------------------------------------------------------------


class SessionMixin(PredicateRequiredMixin):
    manage = False

    def allowed(self, user):
        return permissions.can_list_runs(user)

    def get_session(self):
        if not hasattr(self, "_session"):
            session = selectors.session_get_for_user(self.request.user, self.kwargs["pk"])
            if session is None:
                raise Http404
            self._session = session
        return self._session

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if (
            self.manage
            and user.is_authenticated
            and self.allowed(user)
            and not permissions.can_manage_run(user, self.get_session().run)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        session = self.get_session()
        return super().get_context_data(
            session=session,
            run=session.run,
            can_manage=permissions.can_manage_run(self.request.user, session.run),
            can_view_participants=permissions.can_view_participants(self.request.user, session.run),
            **kwargs,
        )


class SessionDetailView(SessionMixin, TemplateView):
    template_name = "groups/session_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = context["session"]
        attendance = (
            selectors.session_attendance(session) if context["can_view_participants"] else []
        )
        counts = dict.fromkeys(Attendance.Status.values, 0)
        for _enrolment, status in attendance:
            counts[status] += 1
        labels = dict(Attendance.Status.choices)
        wishes = session.run.theme_wishes.filter(session__isnull=True)
        return {
            **context,
            "attendance": [(e, labels[status]) for e, status in attendance],
            "counts": counts,
            "wishes": wishes,
        }


class SessionUpdateView(SessionMixin, FormView):
    template_name = "groups/session_form.html"
    form_class = SessionForm
    manage = True

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_session()}

    def form_valid(self, form):
        try:
            services.session_update(
                actor=self.request.user, session=self.get_session(), **form.session_data()
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The session was saved."))
        return redirect("groups:session_detail", pk=self.get_session().pk)


class SessionCancelView(SessionMixin, FormView):
    template_name = "groups/session_cancel.html"
    form_class = SessionCancelForm
    manage = True

    def form_valid(self, form):
        services.session_cancel(
            actor=self.request.user, session=self.get_session(), reason=form.cleaned_data["reason"]
        )
        messages.success(self.request, _("The session was cancelled."))
        return redirect("groups:session_detail", pk=self.get_session().pk)


class WishUseView(SessionMixin, View):
    http_method_names = ["post"]
    manage = True

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        wish = get_object_or_404(session.run.theme_wishes, pk=request.POST.get("wish") or 0)
        services.wish_use_as_theme(actor=request.user, wish=wish, session=session)
        messages.success(request, _("The wish is now the theme of this session."))
        return redirect("groups:session_detail", pk=session.pk)


class AttendanceView(SessionMixin, TemplateView):
    """The tablet view: everyone in the group, one large button per mark. With htmx a tap
    updates only that person's row; without JavaScript the form posts and the page reloads."""

    template_name = "groups/attendance.html"
    manage = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {
            **context,
            "attendance": selectors.session_attendance(context["session"]),
            "marks": Attendance.Status.choices[1:],
        }

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        enrolment = get_object_or_404(
            session.run.enrolments.exclude(status=Enrolment.Status.WAITING).select_related(
                "client"
            ),
            pk=request.POST.get("enrolment") or 0,
        )
        try:
            attendance = services.attendance_mark(
                actor=request.user,
                session=session,
                enrolment=enrolment,
                status=request.POST.get("status", ""),
            )
        except ValidationError as error:
            if request.htmx:
                return HttpResponse(_validation_message(error), status=422)
            messages.error(request, _validation_message(error))
            return redirect("groups:attendance", pk=session.pk)
        if request.htmx:
            return render(
                request,
                "groups/includes/attendance_row.html",
                {
                    "session": session,
                    "enrolment": enrolment,
                    "status": attendance.status,
                    "marks": Attendance.Status.choices[1:],
                },
            )
        return redirect("groups:attendance", pk=session.pk)


class CalendarView(PredicateRequiredMixin, ListView):
    template_name = "groups/calendar.html"
    context_object_name = "sessions"

    def allowed(self, user):
        return permissions.can_list_runs(user)

    def get_queryset(self):
        return selectors.upcoming_sessions_for_user(self.request.user)


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
