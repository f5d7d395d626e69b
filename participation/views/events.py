"""Participation events: the list, planning one, and recording what happened (the count of
attendees, ideas and feedback routed onwards, those who want to take part further, the
feedback round)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from participation import permissions, selectors, services
from participation.filters import EventFilter
from participation.forms import AttendanceForm, EventForm, EventNoteForm, InterestedForm
from socialwork.core.mixins import FilteredListMixin, ObjectForUserMixin, PredicateRequiredMixin


class EventListView(PredicateRequiredMixin, FilteredListMixin, ListView):
    template_name = "participation/event_list.html"
    context_object_name = "events"
    paginate_by = 25
    filterset_class = EventFilter

    def allowed(self, user):
        return permissions.can_open_events(user)

    def get_base_queryset(self):
        return selectors.events_for(self.request.user).order_by("-starts_on", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_create=permissions.can_create_event(self.request.user), **kwargs
        )


class EventMixin(ObjectForUserMixin):
    object_selector = selectors.event_for

    def allowed(self, user):
        return permissions.can_open_events(user)


class ManageEventMixin(EventMixin):
    object_predicate = permissions.can_manage_event


class EventCreateView(PredicateRequiredMixin, FormView):
    template_name = "participation/form.html"
    parent_url_name = "participation:events"
    parent_label = _lazy("Participation events")
    form_class = EventForm
    title = _lazy("New event")

    def allowed(self, user):
        return permissions.can_create_event(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        lists = {name: data.pop(name) for name in ("units", "organisers", "partners")}
        try:
            event = services.event_save(actor=self.request.user, **lists, **data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The event was saved."))
        return redirect("participation:event", pk=event.pk)


class EventUpdateView(ManageEventMixin, FormView):
    template_name = "participation/form.html"
    parent_url_name = "participation:events"
    parent_label = _lazy("Participation events")
    form_class = EventForm
    title = _lazy("Edit the event")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "instance": self.get_object(),
        }

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        lists = {name: data.pop(name) for name in ("units", "organisers", "partners")}
        try:
            services.event_save(actor=self.request.user, event=self.get_object(), **lists, **data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect("participation:event", pk=self.get_object().pk)


class EventDetailView(EventMixin, TemplateView):
    template_name = "participation/event_detail.html"

    def get_context_data(self, **kwargs):
        event = self.get_object()
        can_manage = permissions.can_manage_event(self.request.user, event)
        context = {
            "event": event,
            "notes": selectors.notes_of(event),
            "feedback": selectors.event_feedback(event),
            "can_manage": can_manage,
        }
        if can_manage:
            context |= {
                "attendance_form": kwargs.pop("attendance_form", None)
                or AttendanceForm(initial={"attendance": event.attendance}),
                "note_form": kwargs.pop("note_form", None)
                or EventNoteForm(event=event, councils=selectors.councils_for_event(event)),
                "interested_form": kwargs.pop("interested_form", None) or InterestedForm(),
            }
        return super().get_context_data(**context, **kwargs)


class EventActionView(ManageEventMixin, View):
    """The forms on an event's page, each posted here: `action` says which."""

    def post(self, request, *args, **kwargs):
        event = self.get_object()
        action = kwargs["action"]
        handlers = {
            "attendance": self._attendance,
            "note": self._note,
            "interested": self._interested,
            "feedback": self._feedback,
        }
        if action not in handlers:
            raise Http404
        try:
            return handlers[action](request, event)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("participation:event", pk=event.pk)

    def _again(self, request, event, **forms):
        view = EventDetailView(request=request, kwargs={"pk": event.pk})
        view._object = event
        return view.render_to_response(view.get_context_data(**forms), status=400)

    def _attendance(self, request, event):
        form = AttendanceForm(request.POST)
        if not form.is_valid():
            return self._again(request, event, attendance_form=form)
        services.event_attendance(
            actor=request.user, event=event, attendance=form.cleaned_data["attendance"]
        )
        messages.success(request, _("The number of attendees was saved."))
        return redirect("participation:event", pk=event.pk)

    def _note(self, request, event):
        form = EventNoteForm(
            request.POST, event=event, councils=selectors.councils_for_event(event)
        )
        if not form.is_valid():
            return self._again(request, event, note_form=form)
        services.event_note_add(actor=request.user, event=event, **form.cleaned_data)
        messages.success(request, _("It was recorded."))
        return redirect(f"{event.get_absolute_url()}#notes")

    def _interested(self, request, event):
        form = InterestedForm(request.POST)
        if not form.is_valid():
            return self._again(request, event, interested_form=form)
        services.event_interested_add(actor=request.user, event=event, **form.cleaned_data)
        messages.success(
            request,
            _("Thank you. The councils' leaders and the experts' coordinator will contact them."),
        )
        return redirect(f"{event.get_absolute_url()}#interested")

    def _feedback(self, request, event):
        services.event_feedback_open(actor=request.user, event=event)
        messages.success(request, _("The feedback round is open."))
        return redirect(f"{event.get_absolute_url()}#feedback")
