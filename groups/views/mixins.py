"""What the groups' pages share: loading the run or session through its need-to-know
selector, and the messages they say after a change."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import ngettext

from groups import permissions, selectors
from groups.models import Enrolment, GroupRun, Session
from socialwork.core.mixins import ObjectForUserMixin


def validation_message(error: ValidationError) -> str:
    return " ".join(error.messages)


def say_notified(request, count: int) -> None:
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


class RunMixin(ObjectForUserMixin):
    """A page of one group: a group the user may not see answers 404."""

    object_selector = selectors.run_get_for_user

    def allowed(self, user):
        return permissions.can_list_runs(user)

    def get_run(self) -> GroupRun:
        return self.get_object()

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
    object_predicate = permissions.can_manage_run


class EnrolmentMixin(ManageRunMixin):
    def get_enrolment(self) -> Enrolment:
        if not hasattr(self, "_enrolment"):
            self._enrolment = get_object_or_404(
                selectors.run_participations(self.get_run()), pk=self.kwargs["enrolment_pk"]
            )
        return self._enrolment


class SessionMixin(ObjectForUserMixin):
    """A page of one session, seen by whoever sees its group."""

    object_selector = selectors.session_get_for_user

    def allowed(self, user):
        return permissions.can_list_runs(user)

    def get_session(self) -> Session:
        return self.get_object()

    def get_context_data(self, **kwargs):
        session = self.get_session()
        user = self.request.user
        return super().get_context_data(
            session=session,
            run=session.run,
            can_manage=permissions.can_manage_run(user, session.run),
            can_view_participants=permissions.can_view_participants(user, session.run),
            **kwargs,
        )


class ManageSessionMixin(SessionMixin):
    """A session page only the group's facilitators (and their supervisor) may use."""

    object_predicate = permissions.can_manage_session
