from django.views.generic import ListView

from socialwork.audit.filters import AuditEventFilter
from socialwork.audit.permissions import can_view_audit_log
from socialwork.audit.selectors import audit_event_list_for_user
from socialwork.core.mixins import PredicateRequiredMixin
from socialwork.people.selectors import units_for_user


class AuditEventListView(PredicateRequiredMixin, ListView):
    template_name = "audit/event_list.html"
    context_object_name = "events"
    paginate_by = 50

    def allowed(self, user) -> bool:
        return can_view_audit_log(user)

    def get_queryset(self):
        self.filterset = AuditEventFilter(
            self.request.GET or None,
            queryset=audit_event_list_for_user(self.request.user),
            units=units_for_user(self.request.user),
        )
        # Invalid filter input (a malformed date) shows the form's message and no rows.
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)
