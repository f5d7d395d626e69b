"""Fees for the coordinator: the month's fees with their states, approving and marking paid,
the payroll export (CSV and XLSX: an exported fee is never exported twice unless reopened)
and invoices to outside orderers as PDFs."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView

from experts import forms, selectors, services
from experts.models import Booking, FeeBatch, Organisation
from experts.views.mixins import CoordinatorMixin, say
from socialwork.audit.disclosures import DisclosureKind, disclosed, register_disclosure
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.core.exports import csv_response, xlsx_response
from socialwork.core.mixins import posted_pk
from socialwork.documents.views import file_response
from socialwork.people.models import Client

PAYROLL_EXPORTED = register_disclosure(
    DisclosureKind(
        code="expert_payroll_export",
        what=gettext_lazy("the payroll export of experts' fees (name, payroll number, fee)"),
        recipient=gettext_lazy("the payroll office"),
        purpose=gettext_lazy("to pay the experience expert's fee"),
    )
)

PAYROLL_HEADER = (
    gettext_lazy("Payroll reference"),
    gettext_lazy("Name"),
    gettext_lazy("Assignment"),
    gettext_lazy("Date"),
    gettext_lazy("Amount (EUR)"),
    gettext_lazy("Cost centre"),
    gettext_lazy("Unit"),
)


def _month(value: str) -> date | None:
    try:
        year, month = (int(part) for part in value.split("-", 1))
        return date(year, month, 1)
    except (TypeError, ValueError):
        return None


class FeeListView(CoordinatorMixin, TemplateView):
    template_name = "experts/fees.html"

    def get_context_data(self, **kwargs):
        form = forms.FeeFilterForm(self.request.GET or None)
        month = form.month_or_this()
        state = form.cleaned_data.get("state", "") if form.is_bound and form.is_valid() else ""
        rows = list(selectors.fees(month=month, state=state))
        return super().get_context_data(
            form=form,
            month=month,
            rows=rows,
            total=sum((r.fee or 0 for r in rows), 0),
            payroll_waiting=services_payroll_count(month),
            invoices_waiting=selectors.organisations_to_invoice(month),
            payroll_batches=list(selectors.batches(FeeBatch.Kind.PAYROLL)[:12]),
            invoices=(invoices := list(selectors.batches(FeeBatch.Kind.INVOICE)[:12])),
            invoices_pending=any(b.document and b.document.is_pending for b in invoices),
            today=timezone.localdate(),
            **kwargs,
        )


def services_payroll_count(month):
    from experts.services.fees import payable_for_payroll

    return payable_for_payroll(month).count()


def _chosen(request) -> list[Booking]:
    ids = [v for v in request.POST.getlist("booking") if v.isascii() and v.isdigit()][:500]
    return list(Booking.objects.filter(pk__in=ids))


def _back(request):
    month = request.POST.get("month", "")
    url = redirect("experts:fees").url
    return redirect(f"{url}?month={month}" if _month(month) else url)


class FeeApproveView(CoordinatorMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        count = services.fees_approve(actor=request.user, bookings=_chosen(request))
        if count:
            messages.success(
                request,
                ngettext("%(count)s fee approved.", "%(count)s fees approved.", count)
                % {"count": count},
            )
        else:
            messages.error(request, _("Choose agreed fees of events that took place."))
        return _back(request)


class FeePaidView(CoordinatorMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            paid_on = date.fromisoformat(request.POST.get("paid_on", ""))
        except ValueError:
            messages.error(request, _("Give the payment date."))
            return _back(request)
        try:
            count = services.fees_mark_paid(
                actor=request.user, bookings=_chosen(request), paid_on=paid_on
            )
        except ValidationError as error:
            say(request, error)
            return _back(request)
        if count:
            messages.success(
                request,
                ngettext("%(count)s fee marked paid.", "%(count)s fees marked paid.", count)
                % {"count": count},
            )
        else:
            messages.error(request, _("Choose fees sent to payroll or invoiced."))
        return _back(request)


class FeeReopenView(CoordinatorMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        booking = get_object_or_404(Booking, pk=posted_pk(request, "booking"))
        try:
            services.fee_reopen(actor=request.user, booking=booking)
        except ValidationError as error:
            say(request, error)
        else:
            messages.success(
                request, _("The fee was reopened: the next export or invoice carries it.")
            )
        return _back(request)


class PayrollExportView(CoordinatorMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        month = _month(request.POST.get("month", ""))
        if month is None:
            messages.error(request, _("Choose the month."))
            return _back(request)
        batch = services.payroll_export(actor=request.user, month=month)
        if batch is None:
            messages.error(request, _("No approved fees of that month wait for payroll."))
            return _back(request)
        messages.success(
            request,
            _("Export %(number)s was made. Download it below.") % {"number": batch.number},
        )
        return _back(request)


class PayrollFileView(CoordinatorMixin, View):
    """An export's file, CSV or XLSX: the same rows every time it is downloaded."""

    def get(self, request, *args, **kwargs):
        batch = get_object_or_404(FeeBatch, pk=kwargs["pk"], kind=FeeBatch.Kind.PAYROLL)
        if kwargs["fmt"] not in ("csv", "xlsx"):
            raise Http404
        rows = selectors.payroll_rows(batch)
        audit_record(actor=request.user, action=AuditEvent.Action.VIEW, obj=batch)
        # The experts are clients too: the export names them, for the payroll office.
        disclosed(
            actor=request.user,
            kind=PAYROLL_EXPORTED,
            clients=Client.objects.filter(expert__bookings__batch=batch).distinct(),
        )
        header = [str(h) for h in PAYROLL_HEADER]
        name = f"palkkiot-{batch.month:%Y-%m}-{batch.number}"
        if kwargs["fmt"] == "csv":
            dated = [
                [*r[:3], r[3].strftime("%d.%m.%Y"), str(r[4]).replace(".", ","), *r[5:]]
                for r in rows
            ]
            return csv_response(f"{name}.csv", [header, *dated])
        return xlsx_response(f"{name}.xlsx", header, rows)


class InvoiceCreateView(CoordinatorMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        month = _month(request.POST.get("month", ""))
        organisation = Organisation.objects.filter(pk=posted_pk(request, "organisation")).first()
        if month is None or organisation is None:
            messages.error(request, _("Choose the month and the orderer."))
            return _back(request)
        batch = services.invoice_create(actor=request.user, month=month, organisation=organisation)
        if batch is None:
            messages.error(request, _("No approved fees of that month wait for an invoice."))
        else:
            messages.success(
                request,
                _("Invoice %(number)s is being made.") % {"number": batch.number},
            )
        return _back(request)


class InvoiceFileView(CoordinatorMixin, View):
    def get(self, request, *args, **kwargs):
        batch = get_object_or_404(
            FeeBatch.objects.select_related("document"), pk=kwargs["pk"], kind=FeeBatch.Kind.INVOICE
        )
        return file_response(batch.document)
