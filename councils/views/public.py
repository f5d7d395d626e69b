"""Pages without a login: a member's own page for a meeting (the packet in their language and
the reply buttons, nothing else) and the outside recipient's answer page. The secret address
is the key; wrong ones count against the address (socialwork/links)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View

from councils import purposes, selectors, services
from councils.forms import OutsideAnswerForm
from councils.models import Attendance, PacketDelivery, Proposal
from socialwork.links.services import TooManyGuesses, link_open, link_use


def _gone(request, *, blocked: bool):
    # Too many wrong guesses from this address: 429, and the page says to wait.
    status = 429 if blocked else 404
    return render(request, "councils/public/gone.html", {"blocked": blocked}, status=status)


class MemberPageView(View):
    http_method_names = ["get", "post"]

    def _delivery(self, request, token, *, use: bool):
        open_or_use = link_use if use else link_open
        link = open_or_use(request, purpose=purposes.MEMBER_PAGE.name, token=token)
        if link is None:
            return None
        return (
            PacketDelivery.objects.select_related("meeting__council", "membership__client")
            .filter(link=link)
            .first()
        )

    def dispatch(self, request, *args, **kwargs):
        try:
            delivery = self._delivery(request, kwargs["token"], use=request.method == "POST")
        except TooManyGuesses:
            return _gone(request, blocked=True)
        if delivery is None or delivery.membership.client is None:
            return _gone(request, blocked=False)
        self.delivery = delivery
        # The page speaks the member's language, whatever the phone's browser says.
        with translation.override(delivery.membership.client.preferred_language):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response

    def get(self, request, *args, **kwargs):
        meeting = self.delivery.meeting
        reply = (
            Attendance.objects.filter(meeting=meeting, membership=self.delivery.membership)
            .values_list("reply", flat=True)
            .first()
        )
        context = {
            **selectors.packet_contents(meeting),
            "reply": reply or "",
            "token": kwargs["token"],
            "can_reply": not meeting.is_cancelled and meeting.starts_at > timezone.now(),
            # The members' feedback round, when one is open: the anonymous survey, never
            # tied to this page (the answer is the survey's, without the member's link).
            "feedback": selectors.feedback_round(meeting.council),
        }
        return render(request, "councils/public/member_page.html", context)

    def post(self, request, *args, **kwargs):
        try:
            services.member_reply(delivery=self.delivery, reply=request.POST.get("reply", ""))
            messages.success(request, _("Thank you, your answer was saved."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("council_member:page", token=kwargs["token"])


class OutsideAnswerView(View):
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        try:
            link = link_open(request, purpose=purposes.OUTSIDE_ANSWER.name, token=kwargs["token"])
        except TooManyGuesses:
            return _gone(request, blocked=True)
        proposal = (
            Proposal.objects.select_related("council").filter(answer_link=link).first()
            if link is not None
            else None
        )
        if proposal is None or proposal.status != Proposal.Status.SENT:
            return _gone(request, blocked=False)
        self.proposal = proposal
        # The page speaks the language the visitor's browser asks for (LocaleMiddleware).
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self._page(request, OutsideAnswerForm())

    def post(self, request, *args, **kwargs):
        form = OutsideAnswerForm(request.POST)
        if not form.is_valid():
            return self._page(request, form)
        try:
            link = link_use(request, purpose=purposes.OUTSIDE_ANSWER.name, token=kwargs["token"])
        except TooManyGuesses:
            return _gone(request, blocked=True)
        if link is None:
            return _gone(request, blocked=False)
        try:
            services.proposal_answer_outside(
                proposal=self.proposal,
                text=form.cleaned_data["answer"],
                by_name=form.cleaned_data["by_name"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self._page(request, form)
        return render(request, "councils/public/answer_thanks.html", {"proposal": self.proposal})

    def _page(self, request, form):
        return render(
            request,
            "councils/public/answer_page.html",
            {"proposal": self.proposal, "form": form},
        )
