from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "socialwork.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from socialwork.audit import menu, retention  # noqa: F401 - the menu; the retention table
        from socialwork.audit.roles import grant_application_role

        # After every migrate (run as the tables' owner): the application's own database
        # role gets what it needs, and no more on the audit log.
        post_migrate.connect(grant_application_role, sender=self, dispatch_uid="audit-app-role")
