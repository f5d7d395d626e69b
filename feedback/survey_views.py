"""The satisfaction survey on the client's own phone or computer, from the web link or QR code
on the printed sheet. No login and no JavaScript needed; the hidden key of the form makes a
double submit store one answer."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.middleware.csrf import rotate_token
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from feedback import selectors, services
from feedback.forms import AnswersForm, ContactSlipForm
from feedback.models import Channel, in_language
from feedback.purposes import survey_purpose
from socialwork.core.throttle import Throttle
from socialwork.links.services import TooManyGuesses, link_open

# Answers per address in a quarter of an hour: a household may share a connection, a script
# filling the survey may not.
SURVEY_THROTTLE = Throttle("survey-answer", limit=30, window_seconds=15 * 60)


# Each language in its own name, as a client looking for their language would read it.
PUBLIC_LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]


class CampaignMixin:
    def dispatch(self, request, *args, **kwargs):
        # Every look-up of a link counts against an address that guesses: after too many
        # unknown links even a real one answers "not found" for a while (socialwork/links).
        blocked, self.campaign = False, None
        try:
            purpose = survey_purpose(kwargs["token"])
            link = link_open(request, purpose=purpose.name, token=kwargs["token"])
        except TooManyGuesses:
            blocked, link = True, None
        if link is not None:
            self.campaign = selectors.campaign_for_link(link)
        if self.campaign is None:
            return render(
                request,
                "feedback/survey_closed.html",
                {"unknown": True, "blocked": blocked},
                status=404,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            campaign=self.campaign,
            public_languages=PUBLIC_LANGUAGES,
            instrument_name=in_language(self.campaign.instrument.name),
            **kwargs,
        )


class SurveyView(CampaignMixin, FormView):
    template_name = "feedback/survey.html"

    def get(self, request, *args, **kwargs):
        if not self.campaign.is_open_today():
            return render(
                request, "feedback/survey_closed.html", {"campaign": self.campaign}, status=410
            )
        return super().get(request, *args, **kwargs)

    def get_form(self, form_class=None):
        self.version = selectors.version_current(self.campaign.instrument)
        if self.version is None:
            raise Http404
        return AnswersForm(
            **self.get_form_kwargs(), version=self.version, language=get_language()[:2]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = in_language(self.version.intro) if self.version.intro else ""
        return context

    def form_valid(self, form):
        if not self.campaign.is_open_today():
            return render(
                self.request, "feedback/survey_closed.html", {"campaign": self.campaign}, status=410
            )
        if SURVEY_THROTTLE.blocked(self.request):
            form.add_error(None, _("Too many answers from this connection. Please try later."))
            return self.form_invalid(form)
        try:
            stored = services.response_record(
                key=form.cleaned_data["key"],
                version=self.version,
                channel=Channel.WEB,
                language=get_language()[:2],
                answers=form.answers(),
                unit_id=self.campaign.unit_id,
                campaign=self.campaign,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if stored == services.Stored.NEW:
            SURVEY_THROTTLE.failed(self.request)
        # A new CSRF cookie for the contact form that follows: the answer and the slip must
        # not arrive with one token that a log or a proxy could join them by.
        rotate_token(self.request)
        return redirect("survey:thanks", token=self.kwargs["token"])


class SurveyThanksView(CampaignMixin, TemplateView):
    template_name = "feedback/survey_thanks.html"


class SurveyContactView(CampaignMixin, FormView):
    """The contact slip: a separate form, sent separately, stored apart from the answers."""

    template_name = "feedback/survey_contact.html"
    form_class = ContactSlipForm

    def form_valid(self, form):
        if SURVEY_THROTTLE.blocked(self.request):
            form.add_error(None, _("Too many answers from this connection. Please try later."))
            return self.form_invalid(form)
        try:
            services.contact_slip_record(
                name=form.cleaned_data["name"],
                phone=form.cleaned_data["phone"],
                email=form.cleaned_data["email"],
                interest=form.cleaned_data["interest"],
                message=form.cleaned_data["message"],
                unit_id=self.campaign.unit_id,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        SURVEY_THROTTLE.failed(self.request)
        rotate_token(self.request)
        return render(
            self.request, "feedback/survey_thanks.html", self.get_context_data(contact_sent=True)
        )
