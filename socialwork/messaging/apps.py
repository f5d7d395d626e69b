from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "socialwork.messaging"
    label = "messaging"
    verbose_name = _("Messaging")

    def ready(self) -> None:
        # The menu entries, the client-removal hook, the print file's document kind and the
        # messages in the client's copy of their data.
        from socialwork.messaging import (  # noqa: F401
            client_data,
            letters,
            menu,
            removal,
            retention,
        )
        from socialwork.messaging.services import templates_install

        # Every registered kind of message gets its editable rows once the tables exist.
        post_migrate.connect(templates_install, sender=self, dispatch_uid="messaging-templates")
