from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView

from socialwork.core.mixins import FilteredListMixin, ObjectForUserMixin, PredicateRequiredMixin
from socialwork.people import permissions, selectors, services
from socialwork.people.filters import ClientFilter
from socialwork.people.forms import ClientForm, ConsentForm
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
