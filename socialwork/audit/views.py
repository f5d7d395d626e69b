from django.views.generic import ListView

from socialwork.audit.filters import AuditEventFilter
from socialwork.audit.permissions import can_view_audit_log
from socialwork.audit.selectors import audit_event_list_for_user
from socialwork.core.mixins import FilteredListMixin, PredicateRequiredMixin
from socialwork.people.selectors import units_for_user


class AuditEventListView(PredicateRequiredMixin, FilteredListMixin, ListView):
    template_name = "audit/event_list.html"
    context_object_name = "events"
    paginate_by = 50
    filterset_class = AuditEventFilter

    def allowed(self, user) -> bool:
        return can_view_audit_log(user)

    def get_base_queryset(self):
        return audit_event_list_for_user(self.request.user)

    def get_filterset_kwargs(self):
        return {"units": units_for_user(self.request.user)}
