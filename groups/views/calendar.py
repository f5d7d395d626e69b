"""The facilitator's calendar of sessions and the iCal feed at a secret address."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from groups import permissions, selectors, services
from groups.ical import calendar_ics
from groups.purposes import CALENDAR_FEED
from socialwork.core.mixins import PredicateRequiredMixin
from socialwork.links.services import TooManyGuesses, link_use


class CalendarView(PredicateRequiredMixin, ListView):
    template_name = "groups/calendar.html"
    context_object_name = "sessions"

    def allowed(self, user):
        return permissions.can_list_runs(user)

    def get_queryset(self):
        return selectors.upcoming_sessions_for_user(self.request.user)

    def get_context_data(self, **kwargs):
        feed = selectors.calendar_feed_of(self.request.user)
        # No token to show (made under a key since dropped): the page offers a new address.
        token = feed.token if feed else None
        feed_url = (
            self.request.build_absolute_uri(reverse("groups:calendar_feed", args=[token]))
            if token
            else None
        )
        return super().get_context_data(feed_url=feed_url, **kwargs)


class CalendarFeedView(View):
    """The iCal feed at a secret address: no login, the token is the key. A deactivated
    account or a regenerated address answers 404."""

    def get(self, request, token):
        try:
            link = link_use(request, purpose=CALENDAR_FEED.name, token=token)
        except TooManyGuesses:
            return HttpResponse(status=429)
        feed = selectors.calendar_feed_for_link(link) if link else None
        if feed is None or not permissions.can_use_calendar_feed(feed.user):
            raise Http404
        body = calendar_ics(
            user=feed.user,
            sessions=list(selectors.calendar_feed_sessions(feed.user)),
            base_url=f"{request.scheme}://{request.get_host()}",
            host=request.get_host().split(":")[0],
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="socialwork.ics"'
        response["Cache-Control"] = "private, max-age=900"
        return response


class CalendarFeedRegenerateView(PredicateRequiredMixin, View):
    http_method_names = ["post"]

    def allowed(self, user):
        return permissions.can_use_calendar_feed(user)

    def post(self, request, *args, **kwargs):
        existed = selectors.calendar_feed_of(request.user) is not None
        services.calendar_feed_regenerate(user=request.user)
        messages.success(
            request,
            _("A new calendar address was made. The old one no longer works.")
            if existed
            else _("Your calendar address is ready."),
        )
        return redirect("groups:calendar")
