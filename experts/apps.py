from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "experts"
    verbose_name = _("Experience experts")

    def ready(self) -> None:
        from experts import menu  # noqa: F401 - adds the app to the menu and start page
