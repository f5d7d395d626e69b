from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = _("Client councils")

    def ready(self) -> None:
        # Each registers what councils adds to a shared mechanism: the menu and start page,
        # the client connection and page section, message kinds, secret links and the packet,
        # and what the client's copy of their data holds of councils.
        from councils import (  # noqa: F401
            client_data,
            menu,
            notices,
            packet,
            permissions,
            purposes,
            retention,
            sections,
            yearly,
        )
        from councils.selectors import client_removal_lines
        from councils.services import client_memberships_remove
        from socialwork.people.removal import register_client_removal

        register_client_removal(describe=client_removal_lines, remove=client_memberships_remove)
