"""The expert's own page, without a login: open requests to accept or decline, upcoming
bookings, the published CV, this year's fees, their own feedback after an event and, for an
employed peer-support expert, the contact diary. The secret address is the key; every use
is in the audit log, wrong addresses count against the visitor (socialwork/links)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from experts import cvform, purposes, selectors, services
from experts.forms import DiaryForm
from experts.models import Booking, Expert
from socialwork.core.mixins import posted_pk
from socialwork.links.services import TooManyGuesses, link_use


def _gone(request, *, blocked: bool):
    status = 429 if blocked else 404
    return render(request, "experts/public/gone.html", {"blocked": blocked}, status=status)


class ExpertPageView(View):
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        try:
            # Every opening and every answer is a use of the link: in the audit log.
            link = link_use(request, purpose=purposes.EXPERT_PAGE.name, token=kwargs["token"])
        except TooManyGuesses:
            return _gone(request, blocked=True)
        expert = selectors.expert_for_page(link) if link is not None else None
        if expert is None:
            return _gone(request, blocked=False)
        self.expert = expert
        # The page speaks the expert's language, whatever the phone's browser says.
        with translation.override(expert.client.preferred_language):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        return response

    def get(self, request, *args, **kwargs):
        return self._page(request, kwargs["token"], DiaryForm())

    def _page(self, request, token, diary_form, status=200):
        expert = self.expert
        cv = selectors.published_cv(expert)
        context = {
            "expert": expert,
            "token": token,
            "requests": selectors.page_requests(expert),
            "upcoming": selectors.page_upcoming(expert),
            "recent": selectors.page_recent(expert),
            "cv_form": cvform.form_context(cv) if cv else None,
            "totals": selectors.fee_totals(expert),
            "takes_fees": expert.takes_fees,
            "keeps_diary": expert.employment == Expert.Employment.SALARIED,
            "diary_form": diary_form,
            "expires_at": expert.page_link.expires_at if expert.page_link else None,
        }
        return render(request, "experts/public/page.html", context, status=status)

    def post(self, request, *args, **kwargs):
        token = kwargs["token"]
        action = request.POST.get("action", "")
        if action == "diary":
            form = DiaryForm(request.POST)
            if not form.is_valid():
                return self._page(request, token, form, status=400)
            try:
                services.diary_add(expert=self.expert, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
                return self._page(request, token, form, status=400)
            messages.success(request, _("Thank you, the contact was written down."))
            return redirect("expert_page:page", token=token)
        booking = self.expert.bookings.filter(pk=posted_pk(request, "booking")).first()
        if booking is None:
            messages.error(request, _("That request is not yours or no longer open."))
            return redirect("expert_page:page", token=token)
        try:
            if action in ("accept", "decline"):
                booking, _waiting = services.booking_answer(
                    booking=booking,
                    accept=action == "accept",
                    how=Booking.AnsweredHow.OWN_PAGE,
                )
                if booking.status == Booking.Status.CONFIRMED:
                    messages.success(request, _("Thank you! The booking is confirmed."))
                elif booking.status == Booking.Status.ACCEPTED:
                    messages.success(
                        request,
                        _("Thank you! The coordinator confirms the booking to you soon."),
                    )
                else:
                    messages.success(request, _("Thank you for telling us."))
            elif action == "feedback":
                services.booking_expert_feedback(
                    booking=booking, text=request.POST.get("feedback", "")
                )
                messages.success(request, _("Thank you for your feedback."))
            else:
                messages.error(request, _("Choose what to do."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("expert_page:page", token=token)
