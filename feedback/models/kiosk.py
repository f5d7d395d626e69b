"""Lobby tablets, bound to a cookie whose secret is stored only as a hash."""

import hashlib

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from feedback.models.instruments import Instrument
from socialwork.people.models import Language


def secret_hash(secret: str) -> str:
    """Tablet secrets and registration links are kept only as this hash."""
    return hashlib.sha256(secret.encode()).hexdigest()


class KioskDevice(models.Model):
    """A lobby tablet. It is bound by a one-time link to a cookie that names the device and
    nothing else; the cookie's secret is stored only as a hash."""

    name = models.CharField(_("name"), max_length=100)
    unit = models.ForeignKey(
        "people.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+"
    )
    languages = ArrayField(
        models.CharField(max_length=2, choices=Language),
        verbose_name=_("languages"),
        default=list,
    )
    ask_worker_colour = models.BooleanField(
        _("ask the colour of the worker's card"),
        default=True,
        help_text=_(
            "The client may pick the colour of the worker they met. Only the colour is kept."
        ),
    )
    idle_seconds = models.PositiveSmallIntegerField(_("start over after idle seconds"), default=90)
    # The one-time registration link while it is waiting to be opened on the tablet.
    enrol_link = models.OneToOneField(
        "links.SecretLink",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="kiosk_device",
    )
    secret_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    enrolled_at = models.DateTimeField(_("registered"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("lobby tablet")
        verbose_name_plural = _("lobby tablets")
        ordering = ["unit", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.enrolled_at is not None and self.revoked_at is None
