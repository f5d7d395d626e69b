from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "socialwork.messaging"
    label = "messaging"
    verbose_name = _("Messaging")

    def ready(self) -> None:
        # The menu entries, the client-removal hook and the print file's document kind.
        from socialwork.messaging import letters, menu, removal, retention  # noqa: F401
        from socialwork.messaging.services import templates_install

        # Every registered kind of message gets its editable rows once the tables exist.
        post_migrate.connect(templates_install, sender=self, dispatch_uid="messaging-templates")
