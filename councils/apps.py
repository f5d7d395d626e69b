from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = _("Client councils")

    def ready(self) -> None:
        from councils import menu  # noqa: F401 - adds the app to the menu and start page
