"""One session: its page, changing, cancelling and restoring it, and attendance."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from groups import permissions, selectors, services
from groups.forms import (
    SessionCancelForm,
    SessionForm,
)
from groups.models import (
    Attendance,
)
from groups.views.mixins import (
    ManageSessionMixin,
    SessionMixin,
    say_notified,
    validation_message,
)
from socialwork.core.mixins import posted_pk
from socialwork.people.services import clients_viewed


class SessionDetailView(SessionMixin, TemplateView):
    template_name = "groups/session_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = context["session"]
        page = selectors.session_page(
            session,
            with_participants=context["can_view_participants"],
            protect=not permissions.can_view_evaluation_comments(self.request.user, session.run),
            with_reminders=context["can_manage"],
        )
        clients_viewed(actor=self.request.user, clients=[e.client for e, _mark in page.attendance])
        return {**context, **vars(page)}


class SessionRestoreView(ManageSessionMixin, View):
    """Undo a cancellation: the session is held after all, and those told it was off are
    told again."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        session = services.session_restore(actor=request.user, session=self.get_session())
        messages.success(request, _("The session is held after all."))
        say_notified(request, session.notified)
        return redirect("groups:session_detail", pk=session.pk)


class SessionUpdateView(ManageSessionMixin, FormView):
    template_name = "groups/session_form.html"
    form_class = SessionForm

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
        say_notified(self.request, session.notified)
        return redirect("groups:session_detail", pk=self.get_session().pk)


class SessionCancelView(ManageSessionMixin, FormView):
    template_name = "groups/session_cancel.html"
    form_class = SessionCancelForm

    def form_valid(self, form):
        session = services.session_cancel(
            actor=self.request.user, session=self.get_session(), reason=form.cleaned_data["reason"]
        )
        messages.success(self.request, _("The session was cancelled."))
        say_notified(self.request, session.notified)
        return redirect("groups:session_detail", pk=self.get_session().pk)


class WishUseView(ManageSessionMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        wish = get_object_or_404(session.run.theme_wishes, pk=posted_pk(request, "wish"))
        services.wish_use_as_theme(actor=request.user, wish=wish, session=session)
        messages.success(request, _("The wish is now the theme of this session."))
        return redirect("groups:session_detail", pk=session.pk)


class AttendanceView(ManageSessionMixin, TemplateView):
    """The tablet view: everyone in the group, one large button per mark. With htmx a tap
    updates only that person's row; without JavaScript the form posts and the page reloads."""

    template_name = "groups/attendance.html"

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
            selectors.run_participations(session.run, waiting=False),
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
                return HttpResponse(validation_message(error), status=422)
            messages.error(request, validation_message(error))
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
