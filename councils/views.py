from django.utils.translation import gettext_lazy as _

from councils.permissions import can_open_councils
from socialwork.core.views import ComingSoonView


class HomeView(ComingSoonView):
    # Stands in until the feature is built (its issue replaces this view).
    title = _("Client councils")
    description = _("Client council meetings, proposals to management and their answers.")
    predicate = staticmethod(can_open_councils)
