from dataclasses import asdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import ListView, TemplateView

from socialwork.core.mixins import FilteredListMixin, PredicateRequiredMixin
from socialwork.documents.views import file_response
from socialwork.messaging import permissions, selectors, services
from socialwork.messaging.backends import gatewayapi
from socialwork.messaging.filters import OutboxFilter
from socialwork.messaging.models import LetterBatch
from socialwork.messaging.services import letters as letter_services


@method_decorator(csrf_exempt, name="dispatch")
class GatewayApiReceiptView(View):
    """Delivery reports from GatewayAPI. Signed with the shared secret (HMAC-SHA256 of the
    raw body); anything unsigned or wrongly signed is refused and changes nothing. Reports
    are retried by the gateway, so the same report twice is answered the same way."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            receipt = gatewayapi.read_receipt(request.body, request.headers.get("Signature", ""))
        except gatewayapi.BadSignature:
            return HttpResponseForbidden("bad signature")
        except gatewayapi.NotAReceipt:
            return HttpResponseBadRequest("not a status event")
        services.delivery_report(**asdict(receipt))
        return HttpResponse(status=204)


class OutboxListView(PredicateRequiredMixin, FilteredListMixin, ListView):
    """How the messages fare, for administrators: no names, numbers or texts."""

    template_name = "messaging/outbox_list.html"
    context_object_name = "outbox"
    paginate_by = 50
    filterset_class = OutboxFilter

    def allowed(self, user):
        return permissions.can_view_outbox(user)

    def get_base_queryset(self):
        return selectors.outbox_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            counts=selectors.outbox_status_counts(self.object_list), **kwargs
        )


class LetterListView(PredicateRequiredMixin, TemplateView):
    """Letters waiting to be printed for the clients I work with, and my print batches."""

    template_name = "messaging/letter_list.html"

    def allowed(self, user):
        return permissions.can_print_letters(user)

    def get_context_data(self, **kwargs):
        user = self.request.user
        batches = list(selectors.batches_of(user)[:20])
        return super().get_context_data(
            waiting=selectors.letters_waiting_for(user),
            batches=batches,
            preparing=any(b.status == LetterBatch.Status.PREPARING for b in batches),
            **kwargs,
        )

    def get_template_names(self):
        if self.request.htmx:
            return ["messaging/includes/letter_batches.html"]
        return [self.template_name]

    def post(self, request, *args, **kwargs):
        try:
            batch = letter_services.letter_batch_create(actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d letter is being put into a print file.",
                    "%(count)d letters are being put into a print file.",
                    batch.letter_count,
                )
                % {"count": batch.letter_count},
            )
        return redirect("messaging:letter_list")


class LetterBatchMixin(PredicateRequiredMixin):
    def allowed(self, user):
        return permissions.can_print_letters(user)

    def get_batch(self) -> LetterBatch:
        batch = selectors.batch_get(self.kwargs["pk"])
        if batch is None or not permissions.can_handle_batch(self.request.user, batch):
            raise Http404
        return batch


class LetterBatchPdfView(LetterBatchMixin, View):
    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        if batch.status != LetterBatch.Status.READY:
            raise Http404
        response = file_response(batch.document)
        letter_services.letter_batch_downloaded(actor=request.user, batch=batch)
        return response


class LetterBatchPostedView(LetterBatchMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            letter_services.letter_batch_posted(actor=request.user, batch=self.get_batch())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The letters are marked as posted, and the file is gone."))
        return redirect("messaging:letter_list")
