from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from reporting import (  # noqa: F401 - the menu, the start page and the report PDFs
            documents,
            menu,
        )
