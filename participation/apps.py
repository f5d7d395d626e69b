from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation and social reporting")

    def ready(self) -> None:
        # What participation adds to the shared mechanisms: the menu and start page, and the
        # kinds of e-mail it sends through the outbox, and the summary's document kind.
        from participation import (  # noqa: F401
            documents,
            menu,
            notices,
            purposes,
            retention,
            yearly,
        )
