"""The evaluation after every session, the participants' own, and the final one."""

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from groups import permissions, selectors, services
from groups.forms import (
    CodeOpenForm,
    EvaluationForm,
    FinalEvaluationForm,
)
from groups.models import (
    Enrolment,
    FinalEvaluation,
    SessionEvaluation,
)
from groups.views.mixins import (
    ManageRunMixin,
    ManageSessionMixin,
    RunMixin,
    validation_message,
)
from socialwork.core.mixins import ObjectForUserMixin
from socialwork.people.services import client_viewed, clients_viewed


class RunEvaluationsView(RunMixin, TemplateView):
    """The group's evaluations over the run. Figures for everyone who sees the run; the
    free-text comments, which are individual answers, for the facilitators only."""

    template_name = "groups/run_evaluations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = context["run"]
        show_comments = permissions.can_view_evaluation_comments(self.request.user, run)
        summary = selectors.run_evaluation_summary(run, protect=not show_comments)
        if show_comments:
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


class SessionEvaluationsView(ManageSessionMixin, TemplateView):
    """The facilitators' view of one session's evaluations: who has answered, what they
    answered, the group's figures, and the session code for answering on one's own."""

    template_name = "groups/session_evaluations.html"

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
            "summary": selectors.session_evaluation_summary(session, protect=False),
            "code": selectors.evaluation_code_current(session),
            "code_form": CodeOpenForm(),
            "can_evaluate": not session.is_cancelled and session.starts_at <= timezone.now(),
        }


class EvaluationEntryView(ManageSessionMixin, FormView):
    """A facilitator fills in the evaluation together with the participant. The questions
    are shown in the participant's own language, with the facilitator's beside them."""

    template_name = "groups/evaluation_form.html"

    def get_enrolment(self) -> Enrolment:
        if not hasattr(self, "_enrolment"):
            self._enrolment = get_object_or_404(
                selectors.run_participations(self.get_session().run, waiting=False),
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


class EvaluationCodeView(ManageSessionMixin, TemplateView):
    """The code to show on the screen at the end of the session, as text and a QR code.
    POST opens a new code (closing any earlier one)."""

    template_name = "groups/evaluation_code.html"

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
            messages.error(request, validation_message(error))
            return redirect("groups:session_evaluations", pk=session.pk)
        return redirect("groups:evaluation_code", pk=session.pk)


class EvaluationCodeCloseView(ManageSessionMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        services.evaluation_code_close(actor=request.user, session=session)
        messages.success(request, _("The code was closed. It no longer opens the evaluation."))
        return redirect("groups:session_evaluations", pk=session.pk)


class ParticipantEvaluationsView(ObjectForUserMixin, TemplateView):
    """One participant's evaluations and goals in one group, for the group's facilitators
    and the client's own worker (who may not facilitate the group)."""

    template_name = "groups/participant_evaluations.html"

    def allowed(self, user):
        return permissions.can_list_runs(user)

    def select_object(self, user, pk):
        # Someone who may see the client but not their answers learns nothing either: 404.
        enrolment = selectors.enrolment_get_for_user(user, pk)
        if enrolment and permissions.can_view_individual_evaluations(user, enrolment):
            return enrolment
        return None

    def get_enrolment(self) -> Enrolment:
        return self.get_object()

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
