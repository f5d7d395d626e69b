from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "socialwork.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        # The login audit hooks, and the clients and partners in the menu and start page.
        from socialwork.people import documents, menu, retention, signals  # noqa: F401
