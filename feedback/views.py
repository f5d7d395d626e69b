"""Staff pages of the feedback app. The lobby tablet is in kiosk_views, the clients' own
survey pages in survey_views."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from feedback import permissions, selectors, services
from feedback.filters import CampaignFilter, ContactSlipFilter
from feedback.forms import AnswersForm, MicroFeedbackForm, PaperEntryStartForm, ResultsForm
from feedback.report import COMMENTS_PER_PAGE, build_report
from socialwork.core.exports import csv_response
from socialwork.core.mixins import FilteredListMixin, PredicateRequiredMixin
from socialwork.documents.views import file_response


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


class FeedbackHomeView(PredicateRequiredMixin, TemplateView):
    template_name = "feedback/home.html"

    def allowed(self, user):
        return permissions.can_open_feedback(user)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_results=permissions.can_view_results(user),
            can_micro=permissions.can_record_micro_feedback(user),
            can_paper=permissions.can_enter_paper(user),
            can_campaigns=permissions.can_list_campaigns(user),
            can_slips=permissions.can_view_contact_slips(user),
            open_slips=selectors.contact_slips_open_count(),
            **kwargs,
        )


# --- Results -------------------------------------------------------------------------------


class ResultsMixin(PredicateRequiredMixin):
    def allowed(self, user):
        return permissions.can_view_results(user)

    def get_form(self) -> ResultsForm:
        user = self.request.user
        kwargs = {
            "units": permissions.result_units(user),
            "codes": permissions.result_codes(user),
            "whole_organisation": permissions.sees_whole_organisation(user),
        }
        return ResultsForm.with_defaults(self.request.GET, **kwargs)

    def get_report(self):
        form = self.get_form()
        if not form.is_valid():
            return form, None
        report = build_report(
            user=self.request.user, language=get_language()[:2], **form.cleaned_data
        )
        return form, report


class ResultsView(ResultsMixin, TemplateView):
    template_name = "feedback/results.html"

    def get_context_data(self, **kwargs):
        form, report = self.get_report()
        query = self.request.GET.copy()
        query.pop("page", None)
        page = None
        if report is not None:
            page = Paginator(report.comments, COMMENTS_PER_PAGE).get_page(
                self.request.GET.get("page")
            )
        unread = sum(1 for comment in page.object_list if not comment.is_read) if page else 0
        return super().get_context_data(
            form=form,
            report=report,
            query=query.urlencode(),
            page_obj=page,
            page_unread=unread,
            **kwargs,
        )


class ResultsCsvView(ResultsMixin, View):
    """The same figures as the page, hidden the same way: an export never shows more."""

    def get(self, request, *args, **kwargs):
        _form, report = self.get_report()
        if report is None:
            messages.error(request, _("Check the choices: the results could not be shown."))
            return redirect("feedback:results")
        return csv_response("feedback-results.csv", report.csv_rows())


def _back_to_results(request):
    """Back to the results as they were filtered, never to another site."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("feedback:results")
    return redirect(target)


class CommentHideView(PredicateRequiredMixin, View):
    http_method_names = ["post"]

    def allowed(self, user):
        return permissions.can_view_results(user)

    def post(self, request, key, item):
        answer = selectors.comment_get(key, item)
        if answer is None:
            raise Http404
        instrument = answer.item.version.instrument
        if not permissions.can_hide_comments(request.user, answer.response.unit_id, instrument):
            raise Http404
        hide = request.POST.get("hidden") != "0"
        services.comment_hide(answer=answer, actor=request.user, hidden=hide)
        messages.success(
            request,
            _("The comment is hidden from everyone's reading.")
            if hide
            else _("The comment is shown again."),
        )
        return _back_to_results(request)


class CommentsReadView(PredicateRequiredMixin, View):
    """Comments marked read (or unread again) by those who may act on them: the unit's
    supervisors, the instrument's responsible person. Sent as "key:question" values, one
    for a single comment's button or every comment of the page for "all read"."""

    http_method_names = ["post"]

    def allowed(self, user):
        return permissions.can_view_results(user)

    def post(self, request):
        pairs = []
        for value in request.POST.getlist("comment")[:COMMENTS_PER_PAGE]:
            key, _sep, item = value.partition(":")
            try:
                pairs.append((uuid.UUID(key), int(item)))
            except ValueError:
                continue
        answers = [
            answer
            for answer in selectors.comments_get(pairs)
            if permissions.can_hide_comments(
                request.user, answer.response.unit_id, answer.item.version.instrument
            )
        ]
        if not answers:
            raise Http404
        read = request.POST.get("read") != "0"
        services.comments_mark_read(answers=answers, actor=request.user, read=read)
        messages.success(
            request,
            ngettext("%(n)s comment marked read.", "%(n)s comments marked read.", len(answers))
            % {"n": len(answers)}
            if read
            else _("The comment is waiting to be read again."),
        )
        return _back_to_results(request)


# --- Micro-feedback and paper forms -----------------------------------------------------


class MicroFeedbackView(PredicateRequiredMixin, FormView):
    """After a meeting: the client's oral feedback in a few taps, keyed to the worker."""

    template_name = "feedback/micro.html"

    def allowed(self, user):
        return permissions.can_record_micro_feedback(user)

    def dispatch(self, request, *args, **kwargs):
        self.instruments = list(selectors.micro_instruments())
        code = request.GET.get("instrument") or request.POST.get("instrument")
        self.instrument = selectors.micro_instrument_pick(self.instruments, code)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        if self.instrument is None:
            raise Http404
        return MicroFeedbackForm(
            **self.get_form_kwargs(),
            version=selectors.version_current(self.instrument),
            language=get_language()[:2],
            units=permissions.micro_units(self.request.user),
        )

    def get_context_data(self, **kwargs):
        form = kwargs.setdefault("form", self.get_form())
        units = list(form.fields["unit"].queryset)
        return super().get_context_data(
            instruments=self.instruments,
            instrument=self.instrument,
            units=units,
            unit_id=form["unit"].value() or (units[0].pk if units else None),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.micro_feedback_record(
                actor=self.request.user,
                instrument=self.instrument,
                unit_id=form.cleaned_data["unit"].pk,
                key=form.cleaned_data["key"],
                language=get_language()[:2],
                answers=form.answers(),
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you. The feedback has been saved."))
        return redirect(f"{self.request.path}?instrument={self.instrument.code}")


class PaperEntryView(PredicateRequiredMixin, TemplateView):
    """Typing in the paper forms of a campaign, one after the other."""

    template_name = "feedback/paper.html"

    def allowed(self, user):
        return permissions.can_enter_paper(user)

    def _start_form(self, data=None):
        units = permissions.paper_units(self.request.user)
        return PaperEntryStartForm(
            data, campaigns=selectors.paper_campaigns_for(units), units=units
        )

    def _choice(self):
        start = self._start_form(self.request.GET if "campaign" in self.request.GET else None)
        if start.is_bound and start.is_valid():
            return start, start.cleaned_data["campaign"], start.cleaned_data["unit"]
        return start, None, None

    def _answers_form(self, campaign, data=None):
        version = selectors.version_current(campaign.instrument)
        return AnswersForm(data, version=version, language=get_language()[:2], paper=True)

    def get_context_data(self, **kwargs):
        start, campaign, unit = self._choice()
        kwargs.setdefault("form", self._answers_form(campaign) if campaign else None)
        return super().get_context_data(start=start, campaign=campaign, unit=unit, **kwargs)

    def post(self, request, *args, **kwargs):
        _start, campaign, unit = self._choice()
        if campaign is None:
            messages.error(request, _("Choose the survey campaign and the unit first."))
            return redirect("feedback:paper")
        form = self._answers_form(campaign, request.POST)
        if form.is_valid():
            try:
                stored = services.paper_form_enter(
                    actor=request.user,
                    key=form.cleaned_data["key"],
                    version=form.version,
                    language=get_language()[:2],
                    answers=form.answers(),
                    unit=unit,
                    campaign=campaign,
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                if stored == services.Stored.DUPLICATE:
                    messages.info(request, _("This form had already been saved."))
                else:
                    messages.success(request, _("Saved. Enter the next form."))
                return redirect(f"{request.path}?{request.GET.urlencode()}")
        return self.render_to_response(self.get_context_data(form=form))


# --- Campaigns and contact slips --------------------------------------------------------


class CampaignListView(PredicateRequiredMixin, FilteredListMixin, ListView):
    template_name = "feedback/campaign_list.html"
    context_object_name = "campaigns"
    paginate_by = 30
    filterset_class = CampaignFilter

    def allowed(self, user):
        return permissions.can_list_campaigns(user)

    def get_base_queryset(self):
        return selectors.campaigns_list()

    def get_context_data(self, **kwargs):
        # No answer counts here: a bare count beside the results page's hidden figures could
        # be subtracted from them. The results page shows what may be shown.
        context = super().get_context_data(**kwargs)
        readable = permissions.campaign_results_readable(self.request.user)
        for campaign in context["campaigns"]:
            campaign.results_readable = readable(campaign)
        context["sheets_pending"] = any(
            c.sheet and c.sheet.is_pending and "web" in c.channels for c in context["campaigns"]
        )
        return context


class CampaignSheetView(PredicateRequiredMixin, View):
    def allowed(self, user):
        return permissions.can_list_campaigns(user)

    def get(self, request, pk):
        campaign = selectors.campaign_with_sheet(pk)
        if campaign is None:
            raise Http404
        sheet = campaign.sheet
        if sheet is None or not sheet.is_ready:
            messages.info(request, _("The sheet is still being made. Try again in a moment."))
            return redirect("feedback:campaign_list")
        return file_response(sheet)


class ContactSlipListView(PredicateRequiredMixin, FilteredListMixin, ListView):
    template_name = "feedback/contact_slips.html"
    context_object_name = "slips"
    paginate_by = 50
    filterset_class = ContactSlipFilter

    def allowed(self, user):
        return permissions.can_view_contact_slips(user)

    def get_base_queryset(self):
        return selectors.contact_slips_list(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        services.contact_slips_viewed(actor=self.request.user, slips=context["slips"])
        context["waiting"] = selectors.contact_slips_waiting_count()
        context["max_wait_days"] = settings.CONTACT_SLIP_MAX_WAIT_DAYS
        return context


class ContactSlipHandleView(PredicateRequiredMixin, View):
    http_method_names = ["post"]

    def allowed(self, user):
        return permissions.can_view_contact_slips(user)

    def post(self, request, pk: uuid.UUID):
        slip = get_object_or_404(selectors.contact_slips_list(request.user), pk=pk)
        services.contact_slip_handle(slip=slip, actor=request.user)
        messages.success(request, _("Marked as contacted."))
        return redirect("feedback:contact_slips")


class ContactSlipEraseView(PredicateRequiredMixin, View):
    """The person asked to be forgotten: the slip goes at once."""

    http_method_names = ["post"]

    def allowed(self, user):
        return permissions.can_view_contact_slips(user)

    def post(self, request, pk: uuid.UUID):
        slip = get_object_or_404(selectors.contact_slips_list(request.user), pk=pk)
        services.contact_slip_erase(slip=slip, actor=request.user)
        messages.success(request, _("The contact slip was erased."))
        return redirect("feedback:contact_slips")
