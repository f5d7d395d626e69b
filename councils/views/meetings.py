"""A meeting's page: the agenda, attendance, minutes and the packet."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from councils import selectors, services
from councils.forms import (
    AgendaItemForm,
    AgendaTopicForm,
    AgreementFormSet,
    AttachmentForm,
    AttendanceRowForm,
    CorrectionForm,
    MeetingForm,
    MinutesForm,
)
from councils.models import Minutes
from councils.views.mixins import ManageMeetingMixin, MeetingMixin, say
from socialwork.core import personal_details as checks
from socialwork.core.mixins import posted_pk
from socialwork.people.services import clients_viewed


class MeetingDetailView(MeetingMixin, TemplateView):
    template_name = "councils/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = context["meeting"]
        versions = selectors.minutes_versions(meeting)
        current = selectors.minutes_current(meeting)
        if not context["can_manage"]:
            # Readers see approved minutes only; a draft is the secretary's work in progress.
            current = next((m for m in versions if m.status == Minutes.Status.APPROVED), None)
            versions = [m for m in versions if m.status != Minutes.Status.DRAFT]
        rows = selectors.attendance_rows(meeting) if context["can_view_members"] else []
        deliveries = selectors.delivery_rows(meeting) if context["can_view_members"] else []
        agenda = selectors.agenda_of(meeting)
        clients_viewed(actor=self.request.user, clients=[m.client for m, _a in rows])
        return {
            **context,
            "agenda": agenda,
            "main_count": sum(1 for item in agenda if item.is_main),
            "topic_form": AgendaTopicForm(meeting=meeting),
            "item_form": AgendaItemForm(),
            "attendance_rows": rows,
            "present_count": sum(1 for _m, a in rows if a and a.status == "present"),
            "fares": [(m, a) for m, a in rows if a and a.bus_fare is not None],
            "replies": selectors.reply_counts(meeting),
            "minutes": current,
            "versions": versions,
            "approvable_at": selectors.later_meetings_begun(meeting) if current else [],
            "personal_details": checks.describe(
                checks.personal_details_in(current.discussed, current.decisions)
            )
            if current and context["can_manage"]
            else "",
            "deliveries": deliveries,
            "documents": selectors.packet_documents(meeting),
            "attachments": list(meeting.attachments.all()),
            "attachment_form": AttachmentForm(),
            "proposals": list(meeting.proposals.all()),
        }


class MeetingUpdateView(ManageMeetingMixin, FormView):
    template_name = "councils/form.html"
    title = _lazy("Edit the meeting")
    form_class = MeetingForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_meeting()}

    def form_valid(self, form):
        from socialwork.core.schedules import local_span

        data = dict(form.cleaned_data)
        starts, ends = local_span(data.pop("day"), data.pop("start"), data.pop("minutes"))
        try:
            services.meeting_update(
                actor=self.request.user,
                meeting=self.get_meeting(),
                starts_at=starts,
                ends_at=ends,
                **data,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return self.back()


class MeetingCancelView(ManageMeetingMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        try:
            if request.POST.get("restore"):
                services.meeting_restore(actor=request.user, meeting=meeting)
                messages.success(request, _("The meeting is held after all."))
            else:
                services.meeting_cancel(
                    actor=request.user, meeting=meeting, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("The meeting was cancelled."))
        except ValidationError as error:
            say(request, error)
        return self.back()


class AgendaView(ManageMeetingMixin, View):
    """Add a topic from the backlog or a free item; change, move or remove an item."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        action = request.POST.get("action", "")
        try:
            if action == "topic":
                form = AgendaTopicForm(request.POST, meeting=meeting)
                if not form.is_valid():
                    messages.error(request, _("Choose a topic from the backlog."))
                    return self.back()
                services.agenda_add(actor=request.user, meeting=meeting, **form.cleaned_data)
            elif action == "item":
                form = AgendaItemForm(request.POST)
                if not form.is_valid():
                    messages.error(request, _("Give the item a title."))
                    return self.back()
                services.agenda_add(actor=request.user, meeting=meeting, **form.cleaned_data)
            else:
                item = get_object_or_404(meeting.agenda, pk=posted_pk(request, "item"))
                if action in ("up", "down"):
                    services.agenda_move(actor=request.user, item=item, up=action == "up")
                elif action == "remove":
                    services.agenda_remove(actor=request.user, item=item)
                elif action == "save":
                    services.agenda_update(
                        actor=request.user,
                        item=item,
                        is_main=bool(request.POST.get("is_main")),
                        guests=request.POST.get("guests", "")[:300],
                        from_management=bool(request.POST.get("from_management")),
                    )
                else:
                    messages.error(request, _("Unknown action."))
                    return self.back()
            messages.success(request, _("The agenda was updated."))
        except ValidationError as error:
            say(request, error)
        return redirect(f"{self.back().url}#agenda")


class AttendanceView(ManageMeetingMixin, TemplateView):
    template_name = "councils/attendance.html"

    def forms(self, data=None):
        rows = selectors.attendance_rows(self.get_meeting())
        return [
            (membership, AttendanceRowForm(data, instance=mark, prefix=f"m{membership.pk}"))
            for membership, mark in rows
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = kwargs.get("rows") or self.forms()
        clients_viewed(actor=self.request.user, clients=[m.client for m, _f in rows])
        return {**context, "rows": rows}

    def post(self, request, *args, **kwargs):
        rows = self.forms(request.POST)
        if not all(form.is_valid() for _m, form in rows):
            messages.error(request, _("Please correct the errors below. Nothing was saved."))
            return self.render_to_response(self.get_context_data(rows=rows))
        try:
            services.attendance_save(
                actor=request.user,
                meeting=self.get_meeting(),
                rows=[{"membership": m, **form.cleaned_data} for m, form in rows],
            )
        except ValidationError as error:
            say(request, error)
            return self.render_to_response(self.get_context_data(rows=rows))
        messages.success(request, _("Attendance was saved."))
        return self.back()


class MinutesView(ManageMeetingMixin, TemplateView):
    """The secretary's editor, with the rule beside it."""

    template_name = "councils/minutes_form.html"

    def get_forms(self, data=None):
        current = selectors.minutes_current(self.get_meeting())
        initial, agreements = {}, []
        if current is not None:
            initial = {"discussed": current.discussed, "decisions": current.decisions}
            agreements = [
                {"what": a.what, "owner": a.owner, "due_on": a.due_on}
                for a in current.agreements.all()
            ]
        return (
            current,
            MinutesForm(data, initial=initial),
            AgreementFormSet(data, initial=agreements, prefix="agreed"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current, form, formset = kwargs.get("forms") or self.get_forms()
        return {**context, "current": current, "form": form, "formset": formset}

    def post(self, request, *args, **kwargs):
        _current, form, formset = forms = self.get_forms(request.POST)
        if not (form.is_valid() and formset.is_valid()):
            messages.error(request, _("Please correct the errors below. Nothing was saved."))
            return self.render_to_response(self.get_context_data(forms=forms))
        try:
            services.minutes_save(
                actor=request.user,
                meeting=self.get_meeting(),
                discussed=form.cleaned_data["discussed"],
                decisions=form.cleaned_data["decisions"],
                agreements=[f.cleaned_data for f in formset.forms if f.cleaned_data],
            )
        except ValidationError as error:
            say(request, error)
            return self.render_to_response(self.get_context_data(forms=forms))
        found = form.personal_details()
        if found:
            messages.warning(
                request,
                _(
                    "The minutes were saved, but they seem to contain %(what)s. Minutes must "
                    "not hold members' personal details: please check the text."
                )
                % {"what": checks.describe(found)},
            )
        else:
            messages.success(request, _("The minutes were saved."))
        return redirect(f"{self.back().url}#minutes")


class MinutesApproveView(ManageMeetingMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        minutes = get_object_or_404(meeting.minutes, pk=posted_pk(request, "minutes"))
        at = get_object_or_404(meeting.council.meetings, pk=posted_pk(request, "at_meeting"))
        try:
            services.minutes_approve(actor=request.user, minutes=minutes, at_meeting=at)
            messages.success(request, _("The minutes were approved and are now locked."))
        except ValidationError as error:
            say(request, error)
        return redirect(f"{self.back().url}#minutes")


class MinutesCorrectView(ManageMeetingMixin, FormView):
    template_name = "councils/form.html"
    title = _lazy("Correct approved minutes")
    form_class = CorrectionForm

    def form_valid(self, form):
        minutes = selectors.minutes_current(self.get_meeting())
        if minutes is None or minutes.status != Minutes.Status.APPROVED:
            messages.error(self.request, _("Only approved minutes are corrected."))
            return self.back()
        try:
            services.minutes_correct(
                actor=self.request.user, minutes=minutes, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("A correction was started. Edit it and approve it."))
        return redirect("councils:minutes", pk=self.get_meeting().pk)


class PacketView(ManageMeetingMixin, View):
    """Send the packet now (or to members who joined since), or add an attachment."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        if "file" in request.FILES or request.POST.get("action") == "attach":
            form = AttachmentForm(request.POST, request.FILES)
            if not form.is_valid():
                for errors in form.errors.values():
                    messages.error(request, " ".join(errors))
                return redirect(f"{self.back().url}#packet")
            services.attachment_add(actor=request.user, meeting=meeting, **form.cleaned_data)
            messages.success(request, _("The attachment was added to the packet."))
            return redirect(f"{self.back().url}#packet")
        if meeting.is_cancelled:
            messages.error(request, _("The meeting is cancelled."))
            return self.back()
        count = services.packet_send(meeting=meeting, actor=request.user)
        if count:
            messages.success(
                request,
                _("The packet is being made and goes to %(count)d members.") % {"count": count},
            )
        else:
            messages.info(request, _("Every member has already been sent the packet."))
        return redirect(f"{self.back().url}#packet")


class PacketFileView(MeetingMixin, View):
    """A leader reads the packet as the members get it."""

    def get(self, request, *args, **kwargs):
        from socialwork.documents.views import file_response

        documents = selectors.packet_documents(self.get_meeting())
        return file_response(documents.get(kwargs["language"]), inline=True)
