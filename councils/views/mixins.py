"""What the councils' pages share: loading the council, meeting or proposal through its
need-to-know selector (404 for one the user may not see), and saying a service's refusal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from councils import permissions, selectors
from socialwork.core.mixins import ObjectForUserMixin


def say(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


class CouncilMixin(ObjectForUserMixin):
    object_selector = selectors.council_get_for_user

    def allowed(self, user):
        return permissions.can_open_councils(user)

    def get_council(self):
        return self.get_object()

    def get_context_data(self, **kwargs):
        council = self.get_council()
        user = self.request.user
        return super().get_context_data(
            council=council,
            can_manage=permissions.can_manage_council(user, council),
            can_view_members=permissions.can_view_members(user, council),
            **kwargs,
        )

    def back(self):
        return redirect("councils:detail", pk=self.get_council().pk)


class ManageCouncilMixin(CouncilMixin):
    object_predicate = permissions.can_manage_council


class MeetingMixin(ObjectForUserMixin):
    object_selector = selectors.meeting_get_for_user

    def allowed(self, user):
        return permissions.can_open_councils(user)

    def get_meeting(self):
        return self.get_object()

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        user = self.request.user
        return super().get_context_data(
            meeting=meeting,
            council=meeting.council,
            can_manage=permissions.can_manage_council(user, meeting.council),
            can_view_members=permissions.can_view_members(user, meeting.council),
            **kwargs,
        )

    def back(self):
        return redirect("councils:meeting_detail", pk=self.get_meeting().pk)


class ManageMeetingMixin(MeetingMixin):
    @staticmethod
    def object_predicate(user, meeting):
        return permissions.can_manage_council(user, meeting.council)


class ProposalMixin(ObjectForUserMixin):
    object_selector = selectors.proposal_get_for_user

    def allowed(self, user):
        return permissions.can_open_councils(user)

    def get_proposal(self):
        return self.get_object()

    def get_context_data(self, **kwargs):
        proposal = self.get_proposal()
        user = self.request.user
        return super().get_context_data(
            proposal=proposal,
            council=proposal.council,
            can_manage=permissions.can_manage_council(user, proposal.council),
            can_answer=permissions.can_answer_proposal(user, proposal),
            **kwargs,
        )

    def back(self):
        return redirect("councils:proposal_detail", pk=self.get_proposal().pk)


class ManageProposalMixin(ProposalMixin):
    @staticmethod
    def object_predicate(user, proposal):
        return permissions.can_manage_council(user, proposal.council)
