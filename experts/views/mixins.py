"""What the experts' pages share: the coordinator-only pages, loading an expert's private
file (every opening audited) or an order through its need-to-know selector, and saying a
service's refusal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404

from experts import permissions, selectors, services
from socialwork.core.mixins import ObjectForUserMixin, PredicateRequiredMixin


def say(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


class CoordinatorMixin(PredicateRequiredMixin):
    """The coordinator alone: nobody else, not even the administrator."""

    def allowed(self, user):
        return permissions.can_read_private_file(user)


class ExpertFileMixin(CoordinatorMixin):
    """A page of one expert's private file. Each opening is in the audit log."""

    audit_view = True

    def get_expert(self):
        if not hasattr(self, "_expert"):
            expert = selectors.private_file(self.kwargs["pk"])
            if expert is None:
                raise Http404
            self._expert = expert
        return self._expert

    def get(self, request, *args, **kwargs):
        if self.audit_view:
            services.expert_viewed(actor=request.user, expert=self.get_expert())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(expert=self.get_expert(), **kwargs)


class OrderMixin(ObjectForUserMixin):
    object_selector = selectors.order_get_for_user

    def allowed(self, user):
        return permissions.can_view_orders(user)

    def get_order(self):
        return self.get_object()


class ManageOrderMixin(OrderMixin):
    object_predicate = permissions.can_manage_order


class CoordinatorOrderMixin(OrderMixin):
    @staticmethod
    def object_predicate(user, order):
        return permissions.is_coordinator(user)
