from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Groups")

    def ready(self) -> None:
        # Registered on import: facilitators work with their groups' participants (need to
        # know), and the client page lists the client's groups.
        from groups import permissions, sections  # noqa: F401
