"""Contact slips: clients who want to take part in developing the service."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactSlip(models.Model):
    """Contact details volunteered at the end of a survey by someone who wants to take part
    in developing social work (002:807-816, 1258-1267). No key to the answer, a random id and a
    date only: see the module docstring."""

    class Interest(models.TextChoices):
        COUNCIL = "council", _("Client council")
        EXPERT = "expert", _("Experience expert")
        EITHER = "either", _("Either, or I am not sure yet")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    interest = models.CharField(_("interested in"), max_length=10, choices=Interest)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    unit = models.ForeignKey(
        "people.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    received_on = models.DateField(_("received"))
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("contact slip")
        verbose_name_plural = _("contact slips")
        ordering = ["-received_on", "name"]

    def __str__(self) -> str:
        return self.name


class PendingContactSlip(models.Model):
    """A slip as it came, waiting to be moved to `ContactSlip` with others (see the module
    docstring). Nobody reads this table but the job that empties it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    interest = models.CharField(max_length=10, choices=ContactSlip.Interest)
    message = models.TextField(blank=True, max_length=2000)
    unit = models.ForeignKey(
        "people.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The day only, for the rule "move a slip that has waited long enough".
    waiting_since = models.DateField()

    class Meta:
        verbose_name = _("contact slip waiting to be moved")
        verbose_name_plural = _("contact slips waiting to be moved")

    def __str__(self) -> str:
        return str(self.id)  # never the name: nobody is meant to read this table
