from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def instruments_install(sender, **kwargs) -> None:
    from django.apps import apps

    from feedback.seed import install

    install(apps)


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        # After every migrate (and every flush in the tests): the instruments of the source
        # material are there, in their first version, unless they already are.
        post_migrate.connect(instruments_install, sender=self, dispatch_uid="feedback-instruments")
        # menu, links, documents and the annual clock
        from feedback import menu, purposes, retention, sheets, yearly  # noqa: F401
