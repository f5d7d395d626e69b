from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "socialwork.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        # The login audit hooks, and the clients and partners in the menu and start page.
        # The client's access report and copy of their data are documents made in a worker.
        from socialwork.people import (  # noqa: F401
            data_export,
            documents,
            menu,
            retention,
            signals,
        )
