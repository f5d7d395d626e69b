from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Groups")

    def ready(self) -> None:
        # Registered on import: facilitators work with their groups' participants (need to
        # know), the client page lists the client's groups, and the session messages and
        # reminders join the messaging registry; removing a client keeps the groups' figures;
        # the groups are in the menu and on the start page; the client's copy of their data
        # has their groups in it.
        from groups import (  # noqa: F401
            client_data,
            menu,
            notices,
            permissions,
            purposes,
            removal,
            retention,
            sections,
            yearly,
        )
