import base64
from datetime import timedelta

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, FormView, ListView, TemplateView, View

from socialwork.core.mixins import FilteredListMixin, ObjectForUserMixin, PredicateRequiredMixin
from socialwork.documents.views import file_response
from socialwork.people import permissions, second_factor, selectors, services
from socialwork.people.filters import ClientFilter
from socialwork.people.forms import (
    AccessReportForm,
    ClientForm,
    ConsentForm,
    DataExportForm,
    SecondFactorForm,
    SetupCodeForm,
)
from socialwork.people.models import Consent
from socialwork.people.removal import removal_description
from socialwork.people.sections import client_sections


class ClientListView(PredicateRequiredMixin, FilteredListMixin, ListView):
    template_name = "people/client_list.html"
    context_object_name = "clients"
    paginate_by = 25
    filterset_class = ClientFilter

    def allowed(self, user):
        return permissions.can_list_clients(user)

    def get_base_queryset(self):
        return selectors.client_list_for_user(self.request.user)

    def get_filterset_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            can_create=permissions.can_create_client(self.request.user), **kwargs
        )
        # Each name on this page of the list is in the log.
        services.clients_viewed(actor=self.request.user, clients=context["clients"])
        return context


class ClientObjectMixin(ObjectForUserMixin):
    """A page about one client, loaded through the need-to-know selector."""

    object_selector = selectors.client_get_for_user

    def allowed(self, user):
        return permissions.can_list_clients(user)

    def get_client(self):
        return self.get_object()

    def get(self, request, *args, **kwargs):
        # Every page that shows a client's details is a view in the audit log: the edit form
        # and the confirmation pages show them as much as the client page does.
        services.client_viewed(actor=request.user, client=self.get_client())
        return super().get(request, *args, **kwargs)


class ClientDetailView(ClientObjectMixin, DetailView):
    template_name = "people/client_detail.html"
    context_object_name = "client"

    def get_context_data(self, **kwargs):
        user, client = self.request.user, self.object
        consents = list(client.consents.all())
        return super().get_context_data(
            consents=consents,
            sections=client_sections(user, client),
            can_change=permissions.can_change_client(user, client),
            can_delete=permissions.can_delete_client(user, client),
            can_export=permissions.can_make_data_export(user, client),
            **kwargs,
        )


class ClientCreateView(PredicateRequiredMixin, FormView):
    template_name = "people/client_form.html"
    form_class = ClientForm

    def allowed(self, user):
        return permissions.can_create_client(user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        units = selectors.units_for_client_creation(self.request.user)
        initial = {"named_worker": self.request.user.pk}
        if units.count() == 1:
            initial["unit"] = units.get().pk
        return initial

    def form_valid(self, form):
        client = services.client_create(actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Client %(name)s was added.") % {"name": client})
        return redirect("people:client_detail", pk=client.pk)


class ClientUpdateView(ClientObjectMixin, FormView):
    template_name = "people/client_form.html"
    form_class = ClientForm
    object_predicate = permissions.can_change_client

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "instance": self.get_client(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(client=self.get_client(), **kwargs)

    def form_valid(self, form):
        client = services.client_update(
            actor=self.request.user, client=self.get_client(), **form.cleaned_data
        )
        messages.success(self.request, _("The changes were saved."))
        return redirect("people:client_detail", pk=client.pk)


class ClientDeleteView(ClientObjectMixin, TemplateView):
    template_name = "people/client_confirm_delete.html"
    object_predicate = permissions.can_delete_client

    def get_context_data(self, **kwargs):
        client = self.get_client()
        return super().get_context_data(
            client=client,
            consent_count=client.consents.count(),
            also_removed=removal_description(client),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        client = self.get_client()
        name = str(client)
        services.client_delete(actor=request.user, client=client)
        messages.success(request, _("The client record of %(name)s was removed.") % {"name": name})
        return redirect("people:client_list")


class ConsentCreateView(ClientObjectMixin, FormView):
    template_name = "people/consent_form.html"
    form_class = ConsentForm
    object_predicate = permissions.can_change_client

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "client": self.get_client()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(client=self.get_client(), **kwargs)

    def form_valid(self, form):
        try:
            services.consent_record(
                actor=self.request.user,
                client=self.get_client(),
                kind=form.cleaned_data["kind"],
                details=form.cleaned_data["details"],
            )
        except ValidationError as error:
            # A second tap on Save, or a colleague recording the same consent at once.
            form.add_error("kind", error)
            return self.form_invalid(form)
        messages.success(self.request, _("The consent was recorded."))
        return redirect("people:client_detail", pk=self.get_client().pk)


class ConsentWithdrawView(ClientObjectMixin, TemplateView):
    template_name = "people/consent_confirm_withdraw.html"
    object_predicate = permissions.can_change_client

    def get_consent(self) -> Consent:
        return get_object_or_404(
            self.get_client().consents.filter(withdrawn_at__isnull=True),
            pk=self.kwargs["consent_pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            client=self.get_client(), consent=self.get_consent(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        services.consent_withdraw(actor=request.user, consent=self.get_consent())
        messages.success(request, _("The consent was withdrawn."))
        return redirect("people:client_detail", pk=self.get_client().pk)


class PartnerListView(PredicateRequiredMixin, ListView):
    template_name = "people/partner_list.html"
    context_object_name = "partners"
    paginate_by = 50

    def allowed(self, user):
        return permissions.can_view_partners(user)

    def get_queryset(self):
        return selectors.partner_list()


# --- The second factor (socialwork/people/second_factor.py) --------------------------------


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


class _StepTwoMixin(LoginRequiredMixin):
    def next_url(self) -> str:
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return resolve_url(settings.LOGIN_REDIRECT_URL)

    def locked_out(self):
        # Too many wrong codes (with the wrong passwords, for this account and address): the
        # half-open session ends, and the lockout page says what to do.
        logout(self.request)
        return render(self.request, settings.AXES_LOCKOUT_TEMPLATE, status=429)

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.next_url(), **kwargs)


class SecondFactorVerifyView(_StepTwoMixin, FormView):
    """Step two of a login: the code from the app (or a recovery code)."""

    template_name = "registration/second_factor_verify.html"
    form_class = SecondFactorForm

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            if user.is_verified():
                return redirect(self.next_url())
            if not second_factor.is_enrolled(user):
                return redirect(_with_next("people:second_factor_setup", self.next_url()))
            if second_factor.is_locked(request, user):
                return self.locked_out()
        return super().dispatch(request, *args, **kwargs)

    def form_invalid(self, form):
        # A code in the wrong shape is a wrong code too: it counts.
        second_factor.verify(request=self.request, user=self.request.user, code="")
        if second_factor.is_locked(self.request, self.request.user):
            return self.locked_out()
        return super().form_invalid(form)

    def form_valid(self, form):
        user = self.request.user
        if second_factor.verify(request=self.request, user=user, code=form.cleaned_data["code"]):
            left = second_factor.recovery_codes_left(user)
            if left <= 3:
                messages.warning(
                    self.request,
                    ngettext(
                        "You have %(count)d recovery code left. Make new ones on the login "
                        "security page.",
                        "You have %(count)d recovery codes left. Make new ones on the login "
                        "security page.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(self.next_url())
        if second_factor.is_locked(self.request, user):
            return self.locked_out()
        form.add_error(
            "code",
            _(
                "The code is wrong or has already been used. Type the code the app shows now; "
                "it changes every 30 seconds."
            ),
        )
        return self.render_to_response(self.get_context_data(form=form))


class SecondFactorSetupView(_StepTwoMixin, FormView):
    """Adding an authenticator app: on the first login, and later to move to a new phone
    (then only with the code of the current one given in this session)."""

    template_name = "registration/second_factor_setup.html"
    form_class = SetupCodeForm

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated:
            if second_factor.is_enrolled(user) and not user.is_verified():
                # The password alone never replaces the phone: the code first.
                return redirect(_with_next("people:second_factor_verify", request.get_full_path()))
            if second_factor.is_locked(request, user):
                return self.locked_out()
            self.device = second_factor.pending_device(user)
            if self.device is None or request.method == "GET":
                self.device = second_factor.enrolment_start(user=user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        # otpauth://totp/<issuer>:<username>?secret=...&issuer=... (OTP_TOTP_ISSUER)
        url = self.device.config_url
        key = base64.b32encode(self.device.bin_key).decode()
        return super().get_context_data(
            qr=segno.make(url, error="m").svg_inline(scale=5, omitsize=True),
            key=" ".join(key[i : i + 4] for i in range(0, len(key), 4)),
            enrolled=second_factor.is_enrolled(user),
            **kwargs,
        )

    def form_valid(self, form):
        codes = second_factor.enrolment_confirm(
            request=self.request, device=self.device, code=form.cleaned_data["code"]
        )
        if codes is None:
            if second_factor.is_locked(self.request, self.request.user):
                return self.locked_out()
            form.add_error(
                "code",
                _(
                    "The code did not match. Check that the app shows the account you just "
                    "added and type the code it shows now."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form))
        self.request.session[NEW_CODES_SESSION_KEY] = codes
        return redirect(_with_next("people:recovery_codes", self.next_url()))


NEW_CODES_SESSION_KEY = "new_recovery_codes"


class RecoveryCodesView(_StepTwoMixin, TemplateView):
    """The new recovery codes, shown once."""

    template_name = "registration/recovery_codes.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            codes=self.request.session.pop(NEW_CODES_SESSION_KEY, None), **kwargs
        )


class SecurityView(_StepTwoMixin, TemplateView):
    """The user's own login security: the app, the recovery codes left, new codes."""

    template_name = "registration/security.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            enrolled=second_factor.is_enrolled(user),
            codes_left=second_factor.recovery_codes_left(user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        request.session[NEW_CODES_SESSION_KEY] = second_factor.recovery_codes_renew(
            user=request.user
        )
        return redirect("people:recovery_codes")


# --- The client's access report (Act 703/2023 §11) ----------------------------------------


class AccessReportView(ClientObjectMixin, FormView):
    """Who has viewed or handled the client's data in a period: asked for here, made as a PDF
    in a worker, listed below until it is ready to download (the list polls meanwhile)."""

    template_name = "people/access_report.html"
    form_class = AccessReportForm
    object_predicate = permissions.can_make_access_report

    def get_initial(self):
        today = timezone.localdate()
        return {
            "start": today - timedelta(days=365),
            "end": today,
            "language": self.get_client().preferred_language,
        }

    def get_context_data(self, **kwargs):
        documents = selectors.access_reports_of(self.request.user, self.get_client())
        return super().get_context_data(
            client=self.get_client(),
            documents=documents,
            pending=any(document.is_pending for document in documents),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.access_report_request(
                actor=self.request.user, client=self.get_client(), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The PDF is being made. It appears below in a moment."))
        return redirect(reverse("people:access_report", args=[self.get_client().pk]) + "#reports")


class ClientFileView(ClientObjectMixin, View):
    """A file made for the client (`document_of(user, client, pk)` finds it), for the one
    who asked for it alone; downloading it is a view of the client."""

    document_of = None

    def get(self, request, *args, **kwargs):
        client = self.get_client()
        document = type(self).document_of(request.user, client, kwargs["document_pk"])
        response = file_response(document)
        services.client_viewed(actor=request.user, client=client)
        return response


class AccessReportFileView(ClientFileView):
    object_predicate = permissions.can_make_access_report
    document_of = selectors.access_report_of


# --- The client's copy of their data (GDPR Art. 15) ---------------------------------------


class DataExportView(ClientObjectMixin, FormView):
    """Everything the product holds about the client, as a PDF to read and a JSON file for a
    program: asked for here by the unit's supervisor, made in a worker, listed below."""

    template_name = "people/data_export.html"
    form_class = DataExportForm
    object_predicate = permissions.can_make_data_export

    def get_initial(self):
        return {"language": self.get_client().preferred_language}

    def get_context_data(self, **kwargs):
        exports = selectors.data_exports_of(self.request.user, self.get_client())
        return super().get_context_data(
            client=self.get_client(),
            exports=exports,
            pending=any(
                export.is_pending or export.json is None or export.json.is_pending
                for export in exports
            ),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.data_export_request(
                actor=self.request.user, client=self.get_client(), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The files are being made. They appear below in a moment.")
        )
        return redirect(reverse("people:data_export", args=[self.get_client().pk]) + "#exports")


class DataExportFileView(ClientFileView):
    object_predicate = permissions.can_make_data_export
    document_of = selectors.data_export_of
