import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView

from groups import permissions, selectors, services
from groups.forms import (
    CodeEntryForm,
    CodeOpenForm,
    EnrolmentCreateForm,
    EnrolmentUpdateForm,
    EvaluationForm,
    FinalEvaluationForm,
    GoalForm,
    RunForm,
    SessionCancelForm,
    SessionForm,
    WishForm,
)
from groups.ical import calendar_ics
from groups.models import (
    Attendance,
    Enrolment,
    FinalEvaluation,
    GroupGoal,
    GroupRun,
    PersonalGoal,
    Programme,
    SessionEvaluation,
)
from socialwork.core.mixins import PredicateRequiredMixin, posted_pk
from socialwork.core.throttle import Throttle
from socialwork.people.services import client_viewed, clients_viewed


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
        clients_viewed(actor=self.request.user, clients=[e.client for e in enrolments])
        return {
            **context,
            "sessions": selectors.run_sessions(run),
            "enrolments": [e for e in enrolments if e.status != Enrolment.Status.WAITING],
            "waiting": [e for e in enrolments if e.status == Enrolment.Status.WAITING],
            "goals": run.goals.all(),
            "wishes": run.theme_wishes.select_related("session"),
            "final_evaluation": selectors.final_evaluation_for(run),
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
        register = selectors.run_register(context["run"])
        clients_viewed(actor=self.request.user, clients=[row[0].client for row in register.rows])
        return {**context, "register": register}


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


class EnrolmentMixin(ManageRunMixin):
    def get_enrolment(self) -> Enrolment:
        return get_object_or_404(
            self.get_run().enrolments.filter(client__isnull=False).select_related("client"),
            pk=self.kwargs["enrolment_pk"],
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
        clients_viewed(actor=self.request.user, clients=[e.client for e, _status in attendance])
        counts = dict.fromkeys(Attendance.Status.values, 0)
        for _enrolment, status in attendance:
            counts[status] += 1
        labels = dict(Attendance.Status.choices)
        wishes = session.run.theme_wishes.filter(session__isnull=True)
        evaluation_summary = selectors.session_evaluation_summary(session)
        if not permissions.can_view_evaluation_comments(self.request.user, session.run):
            selectors.suppress_small_numbers(
                evaluation_summary, settings.SOCIALWORK_MIN_RESPONDENTS
            )
        return {
            **context,
            "attendance": [(e, labels[status]) for e, status in attendance],
            "counts": counts,
            "wishes": wishes,
            "evaluation_summary": evaluation_summary,
            "reminders": selectors.session_reminders(session) if context["can_manage"] else [],
            "is_upcoming": session.starts_at > timezone.now(),
        }


class SessionRestoreView(SessionMixin, View):
    """Undo a cancellation: the session is held after all, and those told it was off are
    told again."""

    http_method_names = ["post"]
    manage = True

    def post(self, request, *args, **kwargs):
        session = services.session_restore(actor=request.user, session=self.get_session())
        messages.success(request, _("The session is held after all."))
        _say_notified(request, session.notified)
        return redirect("groups:session_detail", pk=session.pk)


def _say_notified(request, count: int) -> None:
    if count:
        messages.info(
            request,
            ngettext(
                "%(count)d participant who had been told the time gets a message about it.",
                "%(count)d participants who had been told the time get a message about it.",
                count,
            )
            % {"count": count},
        )


class SessionUpdateView(SessionMixin, FormView):
    template_name = "groups/session_form.html"
    form_class = SessionForm
    manage = True

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_session()}

    def form_valid(self, form):
        try:
            session = services.session_update(
                actor=self.request.user, session=self.get_session(), **form.session_data()
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The session was saved."))
        _say_notified(self.request, session.notified)
        return redirect("groups:session_detail", pk=self.get_session().pk)


class SessionCancelView(SessionMixin, FormView):
    template_name = "groups/session_cancel.html"
    form_class = SessionCancelForm
    manage = True

    def form_valid(self, form):
        session = services.session_cancel(
            actor=self.request.user, session=self.get_session(), reason=form.cleaned_data["reason"]
        )
        messages.success(self.request, _("The session was cancelled."))
        _say_notified(self.request, session.notified)
        return redirect("groups:session_detail", pk=self.get_session().pk)


class WishUseView(SessionMixin, View):
    http_method_names = ["post"]
    manage = True

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        wish = get_object_or_404(session.run.theme_wishes, pk=posted_pk(request, "wish"))
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
        # A removed client's marks stay in the figures but there is nobody to mark.
        attendance = [a for a in selectors.session_attendance(context["session"]) if a[0].client]
        clients_viewed(actor=self.request.user, clients=[e.client for e, _status in attendance])
        return {
            **context,
            "attendance": attendance,
            "marks": Attendance.Status.choices[1:],
        }

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        enrolment = get_object_or_404(
            session.run.enrolments.exclude(status=Enrolment.Status.WAITING)
            .filter(client__isnull=False)
            .select_related("client"),
            pk=posted_pk(request, "enrolment"),
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

    def get_context_data(self, **kwargs):
        feed = selectors.calendar_feed_of(self.request.user)
        feed_url = (
            self.request.build_absolute_uri(reverse("groups:calendar_feed", args=[feed.token]))
            if feed
            else None
        )
        return super().get_context_data(feed_url=feed_url, **kwargs)


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


# --- Evaluation after every session -------------------------------------------------------


class RunEvaluationsView(RunMixin, TemplateView):
    """The group's evaluations over the run. Figures for everyone who sees the run; the
    free-text comments, which are individual answers, for the facilitators only."""

    template_name = "groups/run_evaluations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = context["run"]
        summary = selectors.run_evaluation_summary(run)
        show_comments = permissions.can_view_evaluation_comments(self.request.user, run)
        if not show_comments:
            selectors.suppress_run_small_numbers(summary, settings.SOCIALWORK_MIN_RESPONDENTS)
        else:
            # The comments are the participants' own words.
            clients_viewed(actor=self.request.user, clients=selectors.run_clients(run))
        return {**context, "summary": summary, "show_comments": show_comments}


class FinalEvaluationView(ManageRunMixin, FormView):
    template_name = "groups/final_evaluation_form.html"
    form_class = FinalEvaluationForm

    def get_instance(self) -> FinalEvaluation | None:
        return selectors.final_evaluation_for(self.get_run())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_instance()}

    def get_initial(self):
        run = self.get_run()
        names = [f.get_full_name() or f.username for f in run.facilitators.all()]
        if run.partner_facilitators:
            names.append(run.partner_facilitators)
        return {"held_on": timezone.localdate(), "participants": ", ".join(names)}

    def get_context_data(self, **kwargs):
        run = self.get_run()
        # The figures and the working group's words are about these participants.
        clients_viewed(actor=self.request.user, clients=selectors.run_clients(run))
        return super().get_context_data(figures=selectors.run_figures(run), **kwargs)

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.final_evaluation_save(actor=self.request.user, run=self.get_run(), **data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The final evaluation was saved."))
        return redirect("groups:run_detail", pk=self.get_run().pk)


class SessionEvaluationsView(SessionMixin, TemplateView):
    """The facilitators' view of one session's evaluations: who has answered, what they
    answered, the group's figures, and the session code for answering on one's own."""

    template_name = "groups/session_evaluations.html"
    manage = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = context["session"]
        questions = selectors.evaluation_questions(session.run)
        rows = selectors.session_evaluations(session, questions)
        # Each participant's answers are on the page: a row for each of them.
        clients_viewed(actor=self.request.user, clients=[row[0].client for row in rows])
        return {
            **context,
            "rows": rows,
            "given": sum(1 for _e, evaluation, _cells in rows if evaluation),
            "questions": questions,
            "summary": selectors.session_evaluation_summary(session),
            "code": selectors.evaluation_code_current(session),
            "code_form": CodeOpenForm(),
            "can_evaluate": not session.is_cancelled and session.starts_at <= timezone.now(),
        }


class EvaluationEntryView(SessionMixin, FormView):
    """A facilitator fills in the evaluation together with the participant. The questions
    are shown in the participant's own language, with the facilitator's beside them."""

    template_name = "groups/evaluation_form.html"
    manage = True

    def get_enrolment(self) -> Enrolment:
        if not hasattr(self, "_enrolment"):
            self._enrolment = get_object_or_404(
                self.get_session()
                .run.enrolments.exclude(status=Enrolment.Status.WAITING)
                .filter(client__isnull=False)
                .select_related("client"),
                pk=self.kwargs["enrolment_pk"],
            )
        return self._enrolment

    def get_existing(self) -> SessionEvaluation | None:
        return selectors.session_evaluation_of(self.get_session(), self.get_enrolment())

    def get_questions(self):
        if not hasattr(self, "_questions"):
            self._questions = selectors.evaluation_questions(self.get_session().run)
        return self._questions

    def client_language(self) -> str:
        language = self.get_enrolment().client.preferred_language
        return language if language in dict(settings.LANGUAGES) else "fi"

    def get_form(self, form_class=None):
        return EvaluationForm(
            **self.get_form_kwargs(),
            questions=self.get_questions(),
            language=self.client_language(),
        )

    def get_initial(self):
        existing = self.get_existing()
        if not existing:
            return {}
        return {
            f"q{a.question_id}": a.value if a.value is not None else a.text
            for a in existing.answers.all()
        }

    def get(self, request, *args, **kwargs):
        client_viewed(actor=request.user, client=self.get_enrolment().client)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        existing = self.get_existing()
        current = get_language()
        return super().get_context_data(
            enrolment=self.get_enrolment(),
            existing=existing,
            read_only=bool(existing and existing.channel == SessionEvaluation.Channel.SELF),
            show_own_language=self.client_language() != current,
            current_language=current,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.evaluation_record(
                actor=self.request.user,
                session=self.get_session(),
                enrolment=self.get_enrolment(),
                answers=form.answers(),
                channel=SessionEvaluation.Channel.WITH_FACILITATOR,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The evaluation of %(name)s was saved.")
            % {"name": self.get_enrolment().client.full_name},
        )
        return redirect("groups:session_evaluations", pk=self.get_session().pk)


class EvaluationCodeView(SessionMixin, TemplateView):
    """The code to show on the screen at the end of the session, as text and a QR code.
    POST opens a new code (closing any earlier one)."""

    template_name = "groups/evaluation_code.html"
    manage = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        code = selectors.evaluation_code_current(context["session"])
        url = qr = None
        if code:
            url = self.request.build_absolute_uri(
                reverse("evaluate:code_participants", args=[code.code])
            )
            qr = segno.make(url, error="m").svg_inline(scale=6, omitsize=True)
        return {**context, "code": code, "code_url": url, "qr_svg": qr}

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        form = CodeOpenForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Choose how long the code is valid."))
            services.evaluation_code_open(
                actor=request.user, session=session, minutes=form.cleaned_data["minutes"]
            )
        except ValidationError as error:
            messages.error(request, _validation_message(error))
            return redirect("groups:session_evaluations", pk=session.pk)
        return redirect("groups:evaluation_code", pk=session.pk)


class EvaluationCodeCloseView(SessionMixin, View):
    http_method_names = ["post"]
    manage = True

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        services.evaluation_code_close(actor=request.user, session=session)
        messages.success(request, _("The code was closed. It no longer opens the evaluation."))
        return redirect("groups:session_evaluations", pk=session.pk)


class ParticipantEvaluationsView(PredicateRequiredMixin, TemplateView):
    """One participant's evaluations and goals in one group, for the group's facilitators
    and the client's own worker (who may not facilitate the group)."""

    template_name = "groups/participant_evaluations.html"

    def allowed(self, user):
        return permissions.can_list_runs(user)

    def get_enrolment(self) -> Enrolment:
        if not hasattr(self, "_enrolment"):
            enrolment = selectors.enrolment_get_for_user(self.request.user, self.kwargs["pk"])
            if enrolment is None or not permissions.can_view_individual_evaluations(
                self.request.user, enrolment
            ):
                raise Http404
            self._enrolment = enrolment
        return self._enrolment

    def get(self, request, *args, **kwargs):
        client_viewed(actor=request.user, client=self.get_enrolment().client)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        enrolment = self.get_enrolment()
        questions = selectors.evaluation_questions(enrolment.run)
        return super().get_context_data(
            enrolment=enrolment,
            run=enrolment.run,
            evaluations=selectors.enrolment_evaluations(enrolment, questions),
            questions=questions,
            goals=enrolment.goals.all(),
            is_facilitator=permissions.is_facilitator(self.request.user, enrolment.run),
            **kwargs,
        )


# --- Self-evaluation with the session code (public, no login) ----------------------------

# Wrong codes per address before it has to wait: plenty for typos, far too few to guess a
# six-character code while it is valid.
CODE_THROTTLE = Throttle("evaluation-code", limit=20, window_seconds=15 * 60)


class PublicMixin:
    """Pages for participants. They need no account: the session code is the key."""

    def get_code(self):
        if not hasattr(self, "_code"):
            self._code = selectors.evaluation_code_lookup(self.kwargs.get("code", ""))
        return self._code

    def code_invalid(self, request):
        CODE_THROTTLE.failed(request)
        return render(
            request,
            "groups/public/code_invalid.html",
            {"blocked": CODE_THROTTLE.blocked(request), "form": CodeEntryForm()},
            status=404,
        )


class CodeEntryView(PublicMixin, FormView):
    template_name = "groups/public/code_entry.html"
    form_class = CodeEntryForm

    def get_initial(self):
        return {"code": self.request.GET.get("code", "")[:20]}

    def form_valid(self, form):
        if CODE_THROTTLE.blocked(self.request):
            form.add_error(None, _("Too many wrong codes. Please wait a moment and try again."))
            return self.form_invalid(form)
        code = selectors.evaluation_code_lookup(form.cleaned_data["code"])
        if code is None:
            CODE_THROTTLE.failed(self.request)
            form.add_error(
                "code",
                _("The code is not right or it is no longer valid. Ask the facilitators."),
            )
            return self.form_invalid(form)
        return redirect("evaluate:code_participants", code=code.code)


class CodeParticipantsView(PublicMixin, TemplateView):
    """The participant picks their own name: first name and the initial of the last name,
    only for the people in this session's group."""

    template_name = "groups/public/code_participants.html"

    def get(self, request, *args, **kwargs):
        if CODE_THROTTLE.blocked(request) or self.get_code() is None:
            return self.code_invalid(request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        code = self.get_code()
        return super().get_context_data(
            open_code=code,
            session=code.session,
            participants=selectors.code_participants(code.session),
            **kwargs,
        )


class SelfEvaluationView(PublicMixin, FormView):
    template_name = "groups/public/self_evaluation.html"

    def dispatch(self, request, *args, **kwargs):
        if CODE_THROTTLE.blocked(request) or self.get_code() is None:
            return self.code_invalid(request)
        participants = dict(selectors.code_participants(self.get_code().session))
        enrolment = next((e for e in participants if e.pk == self.kwargs["enrolment_pk"]), None)
        if enrolment is None:
            return self.code_invalid(request)
        if participants[enrolment]:
            messages.info(request, _("This session has already been evaluated. Thank you!"))
            return redirect("evaluate:code_participants", code=self.get_code().code)
        self.enrolment = enrolment
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return EvaluationForm(
            **self.get_form_kwargs(),
            questions=selectors.evaluation_questions(self.get_code().session.run),
            language=get_language(),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            open_code=self.get_code(),
            session=self.get_code().session,
            enrolment=self.enrolment,
            **kwargs,
        )

    def form_valid(self, form):
        code = self.get_code()
        try:
            services.evaluation_record(
                session=code.session,
                enrolment=self.enrolment,
                answers=form.answers(),
                channel=SessionEvaluation.Channel.SELF,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect("evaluate:code_thanks", code=code.code)


class CodeThanksView(PublicMixin, TemplateView):
    template_name = "groups/public/code_thanks.html"

    def get_context_data(self, **kwargs):
        # The code may have expired meanwhile; the thanks page still shows, without the
        # way back to the list of names. Whether that way shows tells whether a code is
        # valid, so this page counts wrong codes like the others and stops telling once
        # the address has guessed too often.
        code = None if CODE_THROTTLE.blocked(self.request) else self.get_code()
        if code is None:
            CODE_THROTTLE.failed(self.request)
        return super().get_context_data(open_code=code, **kwargs)


# --- Calendar -----------------------------------------------------------------------------


class CalendarFeedView(View):
    """The iCal feed at a secret address: no login, the token is the key. A deactivated
    account or a regenerated address answers 404."""

    def get(self, request, token):
        feed = selectors.calendar_feed_by_token(token)
        if feed is None or not permissions.can_use_calendar_feed(feed.user):
            raise Http404
        body = calendar_ics(
            user=feed.user,
            sessions=list(selectors.calendar_feed_sessions(feed.user)),
            base_url=f"{request.scheme}://{request.get_host()}",
            host=request.get_host().split(":")[0],
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="socialwork.ics"'
        response["Cache-Control"] = "private, max-age=900"
        return response


class CalendarFeedRegenerateView(PredicateRequiredMixin, View):
    http_method_names = ["post"]

    def allowed(self, user):
        return permissions.can_use_calendar_feed(user)

    def post(self, request, *args, **kwargs):
        existed = selectors.calendar_feed_of(request.user) is not None
        services.calendar_feed_regenerate(user=request.user)
        messages.success(
            request,
            _("A new calendar address was made. The old one no longer works.")
            if existed
            else _("Your calendar address is ready."),
        )
        return redirect("groups:calendar")
