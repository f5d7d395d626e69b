"""Self-evaluation with the session code: the participants' pages, without a login."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from groups import selectors, services
from groups.forms import (
    CodeEntryForm,
    EvaluationForm,
)
from groups.models import (
    SessionEvaluation,
)
from groups.purposes import SESSION_CODE
from socialwork.links.services import TooManyGuesses


class PublicMixin:
    """Pages for participants. They need no account: the session code is the key, and a
    wrong one counts against the address like any link without a login (socialwork/links)."""

    def get_code(self):
        """The open code in the address, or None; TooManyGuesses once the address has tried
        too many."""
        if not hasattr(self, "_code"):
            self._code = selectors.evaluation_code_open(self.request, self.kwargs.get("code", ""))
        return self._code

    def code_or_none(self):
        try:
            return self.get_code()
        except TooManyGuesses:
            return None

    def code_invalid(self, request):
        return render(
            request,
            "groups/public/code_invalid.html",
            {"blocked": SESSION_CODE.throttle.blocked(request), "form": CodeEntryForm()},
            status=404,
        )


class CodeEntryView(PublicMixin, FormView):
    template_name = "groups/public/code_entry.html"
    form_class = CodeEntryForm

    def get_initial(self):
        return {"code": self.request.GET.get("code", "")[:20]}

    def form_valid(self, form):
        try:
            code = selectors.evaluation_code_open(self.request, form.cleaned_data["code"])
        except TooManyGuesses:
            form.add_error(None, _("Too many wrong codes. Please wait a moment and try again."))
            return self.form_invalid(form)
        if code is None:
            form.add_error(
                "code",
                _("The code is not right or it is no longer valid. Ask the facilitators."),
            )
            return self.form_invalid(form)
        # The code as it is meant, whichever way it was typed ("abc 123" is ABC123).
        typed = SESSION_CODE.normalise(form.cleaned_data["code"])
        return redirect("evaluate:code_participants", code=typed)


class CodeParticipantsView(PublicMixin, TemplateView):
    """The participant picks their own name: first name and the initial of the last name,
    only for the people in this session's group."""

    template_name = "groups/public/code_participants.html"

    def get(self, request, *args, **kwargs):
        if self.code_or_none() is None:
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
        if self.code_or_none() is None:
            return self.code_invalid(request)
        participants = dict(selectors.code_participants(self.get_code().session))
        enrolment = next((e for e in participants if e.pk == self.kwargs["enrolment_pk"]), None)
        if enrolment is None:
            # Someone else's place with a valid code: a wrong guess all the same.
            SESSION_CODE.throttle.failed(request)
            return self.code_invalid(request)
        if participants[enrolment]:
            messages.info(request, _("This session has already been evaluated. Thank you!"))
            return redirect("evaluate:code_participants", code=self.kwargs["code"])
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
        return redirect("evaluate:code_thanks", code=self.kwargs["code"])


class CodeThanksView(PublicMixin, TemplateView):
    template_name = "groups/public/code_thanks.html"

    def get_context_data(self, **kwargs):
        # The code may have expired meanwhile; the thanks page still shows, without the
        # way back to the list of names. Whether that way shows tells whether a code is
        # valid, so this page counts wrong codes like the others and stops telling once
        # the address has guessed too often.
        return super().get_context_data(open_code=self.code_or_none(), **kwargs)
