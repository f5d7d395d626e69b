"""The annual clock: the year as a circle with the month-by-month list beside it, planned
items added and changed, a time marked done, the poster as a PDF and the year as iCal."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from participation import clock, permissions, selectors, services
from participation.forms import ClockChoiceForm, ClockItemForm
from participation.purposes import CLOCK_FEED
from socialwork.core.mixins import ObjectForUserMixin, PredicateRequiredMixin
from socialwork.documents.views import file_response
from socialwork.links.services import TooManyGuesses, link_use


class ClockMixin(PredicateRequiredMixin):
    def allowed(self, user):
        return permissions.can_open_clock(user)

    def chosen(self):
        form = ClockChoiceForm(self.request.GET or None, user=self.request.user)
        choices = form.choices()
        allowed = permissions.clock_unit_ids(self.request.user)
        unit = choices["unit"]
        unit_ids = {unit.pk} if unit is not None else allowed
        return form, choices["year"], unit, unit_ids


class ClockView(ClockMixin, TemplateView):
    template_name = "participation/clock.html"

    def get_context_data(self, **kwargs):
        form, year, unit, unit_ids = self.chosen()
        year_view = clock.clock_year(year, unit_ids)
        title = clock.clock_title(year, unit, whole=unit_ids is None)
        documents = selectors.clock_posters_of(self.request.user)
        return super().get_context_data(
            form=form,
            clock=year_view,
            title=title,
            svg=mark_safe(clock.clock_svg(year_view, title)),
            year=year,
            unit=unit,
            documents=documents,
            feed=selectors.clock_feed_of(self.request.user),
            pending=any(document.is_pending for document in documents),
            today=timezone.localdate(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        """The poster as a PDF of the year and unit shown."""
        _form, year, unit, _unit_ids = self.chosen()
        language = (get_language() or "fi")[:2]
        services.clock_poster_request(
            actor=request.user,
            year=year,
            unit_id=unit.pk if unit else None,
            language=language if language in ("fi", "sv", "en") else "fi",
        )
        messages.success(request, _("The PDF is being made. It appears below in a moment."))
        return redirect(f"{request.get_full_path()}#posters")


class ClockItemMixin(ObjectForUserMixin):
    object_selector = selectors.clock_item_for
    object_predicate = permissions.can_change_clock_item

    def allowed(self, user):
        return permissions.can_open_clock(user)


class ClockItemFormMixin:
    template_name = "participation/clock_item_form.html"
    parent_url_name = "participation:clock"
    parent_label = _lazy("Annual clock")
    form_class = ClockItemForm

    def save(self, form, item=None):
        data = dict(form.cleaned_data)
        rrule = services.recurrence(
            repeats=data.pop("repeats"), months=data.pop("months"), until=data.pop("until")
        )
        try:
            item = services.clock_item_save(actor=self.request.user, item=item, rrule=rrule, **data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The item was saved."))
        return redirect(f"{reverse('participation:clock')}?year={item.starts_on.year}")


class ClockItemCreateView(ClockItemFormMixin, ClockMixin, FormView):
    title = _lazy("New item on the annual clock")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"starts_on": timezone.localdate(), "repeats": "yearly"}

    def form_valid(self, form):
        return self.save(form)


class ClockItemUpdateView(ClockItemFormMixin, ClockItemMixin, FormView):
    title = _lazy("Change the item")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "instance": self.get_object(),
        }

    def form_valid(self, form):
        return self.save(form, item=self.get_object())


class ClockItemDeleteView(ClockItemMixin, View):
    def post(self, request, *args, **kwargs):
        item = self.get_object()
        services.clock_item_delete(actor=request.user, item=item)
        messages.success(request, _("The item was removed from the clock."))
        return redirect(f"{reverse('participation:clock')}?year={item.starts_on.year}")


class ClockDoneView(ClockItemMixin, View):
    """A planned time marked done by hand, or the mark taken back."""

    def post(self, request, *args, **kwargs):
        item = self.get_object()
        try:
            day = datetime.date.fromisoformat(request.POST.get("day", ""))
        except ValueError as error:
            raise Http404 from error
        try:
            services.clock_done_mark(
                actor=request.user,
                item=item,
                day=day,
                note=request.POST.get("note", "")[:300],
                done=request.POST.get("done") != "0",
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('participation:clock')}?year={day.year}#month-{day.month}")


class ClockIcsView(ClockMixin, View):
    """The year's times as an iCalendar file, for Outlook and phone calendars."""

    def get(self, request, *args, **kwargs):
        _form, year, unit, unit_ids = self.chosen()
        year_view = clock.clock_year(year, unit_ids)
        body = clock.clock_ics(
            year_view,
            title=clock.clock_title(year, unit, whole=unit_ids is None),
            base_url=settings.SOCIALWORK_PUBLIC_URL.rstrip("/"),
            host=request.get_host().split(":")[0],
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="vuosikello-{year}.ics"'
        return response


class ClockPosterFileView(ClockMixin, View):
    def get(self, request, *args, **kwargs):
        return file_response(selectors.clock_poster_of(request.user, kwargs["pk"]))


class ClockFeedRegenerateView(ClockMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        existed = selectors.clock_feed_of(request.user) is not None
        services.clock_feed_regenerate(user=request.user)
        messages.success(
            request,
            _("A new calendar address was made. The old one no longer works.")
            if existed
            else _("Your calendar address is ready."),
        )
        return redirect(f"{reverse('participation:clock')}#calendar")


class ClockFeedView(View):
    """The annual clock of this year and the next at a secret address, for a calendar
    program: no login, the token is the key. A deactivated account, one that no longer
    plans the clock, or a new address answers 404."""

    def get(self, request, token):
        try:
            link = link_use(request, purpose=CLOCK_FEED.name, token=token)
        except TooManyGuesses:
            return HttpResponse(status=429)
        feed = selectors.clock_feed_for_link(link) if link else None
        if feed is None or not permissions.can_open_clock(feed.user):
            raise Http404
        unit_ids = permissions.clock_unit_ids(feed.user)
        this_year = timezone.localdate().year
        times = [
            time
            for year in (this_year, this_year + 1)
            for time in clock.clock_year(year, unit_ids).times
        ]
        with translation.override(feed.user.preferred_language or settings.LANGUAGE_CODE):
            body = clock.clock_ics(
                clock.ClockYear(year=this_year, times=times),
                title=_("Annual clock"),
                base_url=settings.SOCIALWORK_PUBLIC_URL.rstrip("/"),
                host=request.get_host().split(":")[0],
            )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="vuosikello.ics"'
        response["Cache-Control"] = "private, max-age=900"
        return response
