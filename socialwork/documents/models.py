from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Document(models.Model):
    """A file the product makes in a worker and keeps until it is not needed: a print file
    of letters, a campaign's sheet, a report. One way for all of them (services.py): asked
    for in a transaction, made by a Celery task, shown on the page while it is being made,
    made again by the beat job if its task was lost."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting to be made")
        RENDERING = "rendering", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be made")
        DISCARDED = "discarded", _("Removed")

    kind = models.CharField(_("kind"), max_length=40)
    # What it is of, in its kind's terms (a print batch, a campaign).
    object_id = models.CharField(max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.WAITING)
    file = models.BinaryField(null=True, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("asked for"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            # The resume job's scan: documents still to be made.
            models.Index(
                fields=["requested_at"],
                condition=Q(status__in=["waiting", "rendering"]),
                name="documents_unfinished",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.WAITING, self.Status.RENDERING)

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY
