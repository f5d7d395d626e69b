from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Groups")

    def ready(self) -> None:
        # Facilitators work with their groups' participants: connect them for need-to-know.
        from groups import permissions  # noqa: F401
