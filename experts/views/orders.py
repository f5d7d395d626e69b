"""Orders: a worker orders (from the CV folder or a blank order), the coordinator enters an
outside organisation's order; the coordinator asks experts (the app suggests who fits and
is free), records an answer given by phone, confirms; the orderer records the client's
consent for a client meeting, cancels, marks the event done and gives feedback."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from experts import cvform, forms, permissions, selectors, services
from experts.models import AssignmentType, Booking, Expert, Order, Organisation
from experts.views.mixins import CoordinatorOrderMixin, ManageOrderMixin, OrderMixin, say
from socialwork.core.mixins import PredicateRequiredMixin, posted_pk
from socialwork.people.models import CLIENT_WORK_ROLES
from socialwork.people.permissions import unit_ids_with_role
from socialwork.people.services import clients_viewed


def _language() -> str:
    return (translation.get_language() or "fi")[:2]


class OrderListView(PredicateRequiredMixin, ListView):
    template_name = "experts/order_list.html"
    context_object_name = "orders"
    paginate_by = 30

    STATES = {
        "open": Order.OPEN,
        "done": (Order.Status.DONE,),
        "cancelled": (Order.Status.CANCELLED,),
        "all": tuple(Order.Status.values),
    }

    def allowed(self, user):
        return permissions.can_view_orders(user)

    def get_state(self):
        state = self.request.GET.get("state", "open")
        return state if state in self.STATES else "open"

    def get_narrowing(self) -> dict:
        """The year of the event and the assignment type, as the dashboard's figures count
        them (its links come here); anything else in the address is left out."""
        narrowing = {}
        year = self.request.GET.get("year", "")
        if year.isascii() and year.isdigit() and 2000 <= int(year) <= 2100:
            narrowing["year"] = int(year)
        if self.request.GET.get("type") in AssignmentType.values:
            narrowing["type"] = self.request.GET["type"]
        return narrowing

    def get_queryset(self):
        orders = selectors.orders_for_user(self.request.user).filter(
            status__in=self.STATES[self.get_state()]
        )
        narrowing = self.get_narrowing()
        if "year" in narrowing:
            orders = orders.filter(starts_at__year=narrowing["year"])
        if "type" in narrowing:
            orders = orders.filter(assignment_type=narrowing["type"])
        if self.get_state() == "open":
            return orders.order_by("starts_at", "id")
        return orders.order_by("-starts_at", "-id")

    def get_context_data(self, **kwargs):
        narrowing = self.get_narrowing()
        return super().get_context_data(
            state=self.get_state(),
            narrowing=narrowing,
            narrowing_type=AssignmentType(narrowing["type"]).label if "type" in narrowing else "",
            narrowing_query=urlencode(narrowing),
            tabs=[
                ("open", _("Open")),
                ("done", _("Done")),
                ("cancelled", _("Cancelled")),
                ("all", pgettext("orders", "All")),
            ],
            is_coordinator=permissions.is_coordinator(self.request.user),
            can_order=permissions.can_order(self.request.user),
            **kwargs,
        )


class _ClientPickerLogged:
    """The order form's client picker lists the names of every client the worker may see:
    each shown name is a view in the audit log (the client's access report), as on the
    groups' picker."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        field = context["form"].fields.get("client")
        if field is not None:
            clients_viewed(actor=self.request.user, clients=field.queryset)
        return context


class OrderAddView(_ClientPickerLogged, PredicateRequiredMixin, FormView):
    """A worker's order. From a CV's page (?cv=) the expert is the one wished for."""

    template_name = "experts/form.html"
    form_class = forms.OrderForm
    title = gettext_lazy("Order an experience expert")

    def allowed(self, user):
        return permissions.can_order(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        initial = {"experts_needed": 1}
        units = unit_ids_with_role(self.request.user, *CLIENT_WORK_ROLES)
        if units:
            initial["unit"] = min(units)
        value = self.request.GET.get("cv", "")
        if value.isascii() and value.isdigit() and len(value) < 12:
            cv = selectors.cv_for_staff(value)
            if cv is not None and cv.expert.status == Expert.Status.ACTIVE:
                initial["wished_expert"] = cv.expert_id
                initial["language"] = cv.language
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lead=_(
                "Tell what the expert is needed for. The coordinator asks the expert who suits "
                "best and confirms the booking to you. For a client meeting, ask the client's "
                "permission first."
            ),
            back=redirect("experts:orders").url,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            order = services.order_create(actor=self.request.user, **form.order_data())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        warning = services.fee_warning(order.fee_offered)
        if warning:
            messages.warning(self.request, warning)
        messages.success(self.request, _("The order was sent to the coordinator."))
        return redirect("experts:order_detail", pk=order.pk)


class OutsideOrderAddView(PredicateRequiredMixin, FormView):
    template_name = "experts/form.html"
    form_class = forms.OutsideOrderForm
    title = gettext_lazy("An outside organisation's order")

    def allowed(self, user):
        return permissions.is_coordinator(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {"experts_needed": 1}

    def form_valid(self, form):
        data = form.cleaned_data
        organisation = data.get("organisation")
        try:
            if organisation is None:
                organisation = Organisation(
                    name=data["new_organisation"].strip(),
                    business_id=data.get("business_id", ""),
                    contact_person=data.get("contact_person", ""),
                    email=data.get("contact_email", ""),
                    billing_address=data.get("billing_address", ""),
                )
                organisation.full_clean()
                organisation.save()
            order = services.order_create(
                actor=self.request.user,
                organisation=organisation,
                **{k: v for k, v in form.order_data().items() if k != "organisation"},
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The order was saved."))
        return redirect("experts:order_detail", pk=order.pk)


class OrderDetailView(OrderMixin, DetailView):
    template_name = "experts/order_detail.html"
    context_object_name = "order"

    def get_context_data(self, **kwargs):
        order = self.get_order()
        user = self.request.user
        coordinator = permissions.is_coordinator(user)
        bookings = selectors.bookings_for_order(order)
        for booking in bookings:
            booking.fee_warning = services.fee_warning(booking.fee)
        open_order = order.status in (Order.Status.NEW, Order.Status.ASKING)
        # The client's name is the orderer's to know; the coordinator sees that consent
        # is recorded, not whose.
        shows_client = user.pk in (order.ordered_by_id, order.created_by_id)
        return super().get_context_data(
            is_coordinator=coordinator,
            can_manage=permissions.can_manage_order(user, order),
            shows_client=shows_client,
            bookings=bookings,
            suggestions=selectors.suggestions(order) if coordinator and open_order else [],
            blockers=services.confirm_blockers(order),
            open_order=open_order,
            has_begun=order.starts_at <= timezone.now(),
            consent_form=forms.ConsentForm(),
            cancel_form=forms.CancelForm(),
            done_form=forms.DoneForm(),
            feedback_form=forms.FeedbackForm(
                initial={"rating": order.orderer_rating, "feedback": order.orderer_feedback}
            ),
            answer_how=forms.AnswerForm.base_fields["how"].choices,
            area_labels=[cvform.area_label(code, _language()) for code in order.areas],
            wished_name=selectors.roster_name(order.wished_expert_id),
            **kwargs,
        )


class OrderEditView(_ClientPickerLogged, ManageOrderMixin, FormView):
    template_name = "experts/form.html"
    form_class = forms.OrderForm
    title = gettext_lazy("Change the order")

    def get_form_class(self):
        return forms.OutsideOrderForm if self.get_order().is_outside else forms.OrderForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "instance": self.get_order(),
        }

    def get_initial(self):
        order = self.get_order()
        return {"organisation": order.organisation_id} if order.is_outside else {}

    def form_valid(self, form):
        data = form.order_data()
        if self.get_order().is_outside:
            data["organisation"] = (
                form.cleaned_data.get("organisation") or self.get_order().organisation
            )
        try:
            services.order_update(actor=self.request.user, order=self.get_order(), **data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The order was changed."))
        return redirect("experts:order_detail", pk=self.get_order().pk)


class _OrderAction(View):
    http_method_names = ["post"]

    def back(self):
        return redirect("experts:order_detail", pk=self.get_order().pk)


class AskView(CoordinatorOrderMixin, _OrderAction):
    def post(self, request, *args, **kwargs):
        ids = [v for v in request.POST.getlist("expert") if v.isascii() and v.isdigit()][:20]
        experts = list(Expert.objects.filter(pk__in=ids).select_related("client"))
        if not experts:
            messages.error(request, _("Choose at least one expert to ask."))
            return self.back()
        try:
            asked = services.booking_ask(
                actor=request.user, order=self.get_order(), experts=experts
            )
        except ValidationError as error:
            say(request, error)
        else:
            messages.success(
                request,
                _("Asked: %(names)s. Each gets the request by their own channel.")
                % {"names": ", ".join(b.expert.client.full_name for b in asked) or "–"},
            )
        return self.back()


class AnswerView(CoordinatorOrderMixin, _OrderAction):
    """An answer the expert gave by phone, by e-mail or in person."""

    def post(self, request, *args, **kwargs):
        form = forms.AnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose the answer and how it was given."))
            return self.back()
        booking = get_object_or_404(self.get_order().bookings, pk=form.cleaned_data["booking"])
        try:
            booking, waiting = services.booking_answer(
                booking=booking,
                accept=form.cleaned_data["accept"],
                how=form.cleaned_data["how"],
                actor=request.user,
            )
        except ValidationError as error:
            say(request, error)
            return self.back()
        if booking.status == Booking.Status.CONFIRMED:
            messages.success(request, _("Accepted and confirmed."))
        elif booking.status == Booking.Status.ACCEPTED:
            messages.warning(request, _("Accepted, not yet confirmed: %(why)s") % {"why": waiting})
        else:
            messages.success(request, _("The answer was recorded."))
        return self.back()


class ConfirmView(CoordinatorOrderMixin, _OrderAction):
    def post(self, request, *args, **kwargs):
        booking = get_object_or_404(self.get_order().bookings, pk=posted_pk(request, "booking"))
        try:
            services.booking_confirm(booking=booking, actor=request.user)
        except ValidationError as error:
            say(request, error)
        else:
            messages.success(request, _("The booking is confirmed."))
        return self.back()


class BookingCancelView(CoordinatorOrderMixin, _OrderAction):
    def post(self, request, *args, **kwargs):
        booking = get_object_or_404(self.get_order().bookings, pk=posted_pk(request, "booking"))
        try:
            services.booking_cancel(actor=request.user, booking=booking)
        except ValidationError as error:
            say(request, error)
        else:
            messages.success(request, _("The expert was taken off the order."))
        return self.back()


class ConsentView(ManageOrderMixin, _OrderAction):
    def post(self, request, *args, **kwargs):
        form = forms.ConsentForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say how the client was asked."))
            return self.back()
        try:
            services.order_record_consent(
                actor=request.user, order=self.get_order(), how=form.cleaned_data["how"]
            )
        except ValidationError as error:
            say(request, error)
        else:
            messages.success(request, _("The client's consent was recorded."))
        return self.back()


class CancelView(ManageOrderMixin, _OrderAction):
    def post(self, request, *args, **kwargs):
        form = forms.CancelForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say who cancelled."))
            return self.back()
        try:
            order = services.order_cancel(
                actor=request.user,
                order=self.get_order(),
                by=form.cleaned_data["by"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            say(request, error)
        else:
            if order.late_cancellation:
                messages.warning(request, _("The order was cancelled late."))
            else:
                messages.success(request, _("The order was cancelled."))
        return self.back()


class DoneView(ManageOrderMixin, _OrderAction):
    def post(self, request, *args, **kwargs):
        form = forms.DoneForm(request.POST)
        form.is_valid()
        try:
            services.order_done(
                actor=request.user,
                order=self.get_order(),
                debrief=form.cleaned_data.get("debrief", ""),
            )
        except ValidationError as error:
            say(request, error)
        else:
            messages.success(request, _("The order is marked done."))
        return self.back()


class FeedbackView(ManageOrderMixin, _OrderAction):
    def post(self, request, *args, **kwargs):
        form = forms.FeedbackForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The rating is from 1 to 5."))
            return self.back()
        try:
            services.order_feedback(
                actor=request.user,
                order=self.get_order(),
                feedback=form.cleaned_data["feedback"],
                rating=form.cleaned_data["rating"],
            )
        except ValidationError as error:
            say(request, error)
        else:
            messages.success(request, _("Thank you for the feedback."))
        return self.back()


class FeeSetView(CoordinatorOrderMixin, _OrderAction):
    def post(self, request, *args, **kwargs):
        form = forms.FeeForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Write the fee in euros, for example 50 or 45,50."))
            return self.back()
        booking = get_object_or_404(self.get_order().bookings, pk=form.cleaned_data["booking"])
        try:
            booking, warning = services.fee_set(
                actor=request.user, booking=booking, amount=form.cleaned_data["fee"]
            )
        except ValidationError as error:
            say(request, error)
        else:
            messages.success(request, _("The fee was saved."))
            if warning:
                messages.warning(request, warning)
        return self.back()
