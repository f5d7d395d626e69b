"""Social reporting's pages: answering (the open link and a collection), one's own
reports, and for supervisors and management the reports read, counted and processed, the
collections and the monthly meeting."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from participation import permissions, selectors, services
from participation.filters import ReportFilter
from participation.forms import (
    CollectionForm,
    MeetingForm,
    ProcessForm,
    ReportForm,
    SummaryForm,
)
from socialwork.core.mixins import (
    ExportableListMixin,
    FilteredListMixin,
    ObjectForUserMixin,
    PredicateRequiredMixin,
)
from socialwork.documents.views import file_response


class SoraHomeView(PredicateRequiredMixin, TemplateView):
    """Where a staff member reports: the open link, the collections that invite them, and
    what they sent."""

    template_name = "participation/sora_home.html"

    def allowed(self, user):
        return permissions.can_report(user)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            collections=list(selectors.open_collections_for(user)),
            sent=list(selectors.reports_sent_by(user)[:20]),
            reader=permissions.can_read_reports(user),
            **kwargs,
        )


class ReportCreateView(PredicateRequiredMixin, FormView):
    template_name = "participation/sora_form.html"
    form_class = ReportForm

    def allowed(self, user):
        return permissions.can_report(user)

    def get_collection(self):
        if "pk" not in self.kwargs:
            return None
        if not hasattr(self, "_collection"):
            self._collection = selectors.collection_for_answer(self.request.user, self.kwargs["pk"])
            if self._collection is None:
                raise Http404
        return self._collection

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        collection = self.get_collection()
        if collection is not None and collection.theme_id:
            return {"themes": [collection.theme_id]}
        return {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(collection=self.get_collection(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.report_send(
                actor=self.request.user,
                collection=self.get_collection(),
                unit=data["unit"],
                signal=data["signal"],
                client_group=data["client_group"],
                themes=data["themes"],
                concerns=data["concerns"],
                positives=data["positives"],
                proposal=data["proposal"],
                team_name=data["team_name"],
                team=data["team"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you. Your report was sent."))
        return redirect("participation:sora")


class ReportListView(PredicateRequiredMixin, ExportableListMixin, FilteredListMixin, ListView):
    """The reports a supervisor (their units) or management (all) reads, with what they
    count to by theme, signal, month and unit."""

    template_name = "participation/sora_reports.html"
    context_object_name = "reports"
    paginate_by = 25
    filterset_class = ReportFilter
    export_name = "sosiaalinen-raportointi"
    export_columns = (
        (_lazy("Sent"), lambda r: timezone.localtime(r.sent_at).date()),
        (_lazy("Unit"), lambda r: r.unit.name),
        (_lazy("Signal"), lambda r: r.get_signal_display()),
        (_lazy("Themes"), lambda r: ", ".join(t.label for t in r.themes.all())),
        (_lazy("Whom it concerns"), lambda r: r.get_client_group_display()),
        (_lazy("Recurring issues, concerns and wishes"), lambda r: r.concerns),
        (_lazy("Positive developments"), lambda r: r.positives),
        (_lazy("Action proposal"), lambda r: r.proposal),
        (_lazy("What was done"), lambda r: r.action_taken),
    )

    def allowed(self, user):
        return permissions.can_read_reports(user)

    def get_base_queryset(self):
        return selectors.reports_for(self.request.user)

    def get_filterset_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = selectors.report_counts(self.object_list)
        return context


class ReportDetailView(ObjectForUserMixin, FormView):
    template_name = "participation/sora_report.html"
    form_class = ProcessForm
    object_selector = selectors.report_for

    def allowed(self, user):
        return permissions.can_read_reports(user)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "meetings": selectors.meetings_for(self.request.user).order_by("-held_on"),
        }

    def get_initial(self):
        report = self.get_object()
        return {
            "processed": True,
            "action_taken": report.action_taken,
            "meeting": report.meeting_id,
            "quotable": report.quotable,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.get_object(), **kwargs)

    def form_valid(self, form):
        try:
            services.report_process(
                actor=self.request.user, report=self.get_object(), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect("participation:sora_report", pk=self.get_object().pk)


class CollectionListView(PredicateRequiredMixin, ListView):
    template_name = "participation/sora_collections.html"
    context_object_name = "collections"
    paginate_by = 25

    def allowed(self, user):
        return permissions.can_run_collections(user)

    def get_queryset(self):
        return selectors.collections_for(self.request.user).order_by("-opens_on", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class CollectionCreateView(PredicateRequiredMixin, FormView):
    template_name = "participation/form.html"
    parent_url_name = "participation:sora"
    parent_label = _lazy("Social reporting")
    form_class = CollectionForm
    title = _lazy("New collection")

    def allowed(self, user):
        return permissions.can_run_collections(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        today = timezone.localdate()
        return {"opens_on": today, "closes_on": today + timedelta(days=14)}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        units, staff = data.pop("units"), data.pop("staff")
        try:
            services.collection_create(actor=self.request.user, units=units, staff=staff, **data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The collection was started."))
        return redirect("participation:sora_collections")


class MeetingListView(PredicateRequiredMixin, ListView):
    template_name = "participation/sora_meetings.html"
    context_object_name = "meetings"
    paginate_by = 25

    def allowed(self, user):
        return permissions.can_read_reports(user)

    def get_queryset(self):
        return selectors.meetings_for(self.request.user).order_by("-held_on", "-pk")


class MeetingFormView(PredicateRequiredMixin, FormView):
    """A new meeting, or one's minutes and handled reports edited."""

    template_name = "participation/form.html"
    parent_url_name = "participation:sora"
    parent_label = _lazy("Social reporting")
    form_class = MeetingForm

    def allowed(self, user):
        return permissions.can_read_reports(user)

    @property
    def title(self):
        return _("Edit the meeting") if "pk" in self.kwargs else _("New meeting")

    def get_meeting(self):
        if "pk" not in self.kwargs:
            return None
        meeting = selectors.meetings_for(self.request.user).filter(pk=self.kwargs["pk"]).first()
        if meeting is None:
            raise Http404
        return meeting

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "reports": selectors.reports_to_handle(self.request.user, self.get_meeting()),
            "instance": self.get_meeting(),
        }

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        reports = data.pop("reports")
        try:
            services.meeting_save(
                actor=self.request.user, meeting=self.get_meeting(), reports=reports, **data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting was saved."))
        return redirect("participation:sora_meetings")


class SummaryView(PredicateRequiredMixin, TemplateView):
    """The year's summary for decision makers: asked for here, made in a worker, listed
    below until it is ready to download (the list polls while one is being made)."""

    template_name = "participation/sora_summary.html"

    def allowed(self, user):
        return permissions.can_read_reports(user)

    def get_context_data(self, **kwargs):
        documents = selectors.summaries_of(self.request.user)
        return super().get_context_data(
            form=kwargs.pop("form", None) or SummaryForm(),
            documents=documents,
            pending=any(document.is_pending for document in documents),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = SummaryForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("That choice is not available. Choose again."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        services.summary_request(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The PDF is being made. It appears below in a moment."))
        return redirect(reverse("participation:sora_summary") + "#summaries")


class SummaryFileView(PredicateRequiredMixin, View):
    """A summary's file, for the one who asked for it."""

    def allowed(self, user):
        return permissions.can_read_reports(user)

    def get(self, request, *args, **kwargs):
        return file_response(selectors.summary_of(request.user, kwargs["pk"]))
