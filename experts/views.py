from django.utils.translation import gettext_lazy as _

from experts.permissions import can_open_experts
from socialwork.core.views import ComingSoonView


class HomeView(ComingSoonView):
    # Stands in until the feature is built (its issue replaces this view).
    title = _("Experience experts")
    description = _("The experience-expert roster, orders, bookings and fees.")
    predicate = staticmethod(can_open_experts)
