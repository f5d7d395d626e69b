"""An append-only record of who looked at or changed client data, and when.

Rows are only ever inserted. The model refuses updates and deletes, and a database trigger
(migration 0002) refuses them too, so that neither a bug nor a shell session through the
application can rewrite history.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditLogIsAppendOnly(Exception):
    pass


# Audited changes that are not a model field of the object.
EXTRA_FIELD_LABELS = {
    "attendance": _("attendance"),
    "personal_goal": _("personal goal"),
    "session_evaluation": _("session evaluation"),
    "token": _("secret address"),
    "paper_form": _("paper form typed in"),
    "access_report": _("access report made"),
    "data_export": _("copy of the data made"),
    "retention": _("retention time passed"),
    "erased": _("erased at the person's request"),
    "second_factor": _("authenticator app"),
    "recovery_codes": _("recovery codes"),
    "second_factor_reset": _("second factor reset"),
}


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("audit events cannot be changed")

    def delete(self):
        raise AuditLogIsAppendOnly("audit events cannot be deleted")


class AuditChainHead(models.Model):
    """One row: the last link of the audit log's hash chain. Written only by the database's
    trigger, which locks this row, so that links are made one at a time."""

    last_id = models.BigIntegerField(null=True)
    last_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("end of the audit chain")

    def __str__(self) -> str:
        return self.last_hash


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CREATE = "create", _("Created")
        CHANGE = "change", _("Changed")
        DELETE = "delete", _("Deleted")
        LOGIN = "login", _("Logged in")
        LOGOUT = "logout", _("Logged out")
        LOGIN_FAILED = "login_failed", _("Failed login")
        # Client data left the product (socialwork/audit/disclosures.py).
        DISCLOSE = "disclose", _("Disclosed")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        # Staff accounts are deactivated, never deleted, while they appear in the log.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Snapshot of the username, so that the row still reads right if the account is renamed.
    actor_label = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "people.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Names of the changed fields only: the log tells that an address changed, not the
    # address, so it does not become a second copy of the client data.
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=500, blank=True)
    # The hash chain, written by the database as each row is inserted (migration 0005): the
    # row this one follows and the SHA-256 of that row's hash and this row's content. A row
    # changed or removed, even by the database's owner, breaks the chain where it was;
    # `manage.py audit_verify` walks it.
    chain_previous = models.BigIntegerField(null=True, blank=True, editable=False)
    chain_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "-at"], name="audit_object"),
            models.Index(fields=["actor", "-at"], name="audit_actor"),
            models.Index(fields=["unit", "-at"], name="audit_unit"),
        ]

    def __str__(self) -> str:
        # Not the object's name: this string titles the admin's pages, and the administrator
        # reads no client's name (audit.selectors).
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("audit events cannot be deleted")

    @property
    def changed_field_labels(self) -> list[str]:
        """The changed fields by their (translated) names, as staff know them."""
        from django.apps import apps
        from django.core.exceptions import FieldDoesNotExist

        try:
            model = apps.get_model(self.object_type) if self.object_type else None
        except (LookupError, ValueError):
            model = None
        labels = []
        for name in self.changed_fields:
            try:
                labels.append(str(model._meta.get_field(name).verbose_name))
            except (AttributeError, FieldDoesNotExist):
                labels.append(str(EXTRA_FIELD_LABELS.get(name, name)))
        return labels
