from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "socialwork.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # The admin is our own site (socialwork.core.admin.site), so Django's default
        # autodiscovery is off; load every app's admin.py to register on it.
        autodiscover_modules("admin")
        from socialwork.core import menu  # noqa: F401 - the start page's menu entry
