from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "experts"
    verbose_name = _("Experience experts")

    def ready(self) -> None:
        # The menu and start page, message kinds and the reminder source, the page link's
        # purpose, the documents (CV folder, invoices), the contact slips' readers, and what
        # the client's copy of their data holds of the expert work.
        from experts import (  # noqa: F401
            client_data,
            documents,
            menu,
            notices,
            permissions,
            purposes,
            retention,
            yearly,
        )
