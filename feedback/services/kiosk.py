"""Lobby tablets: the registration link, binding the tablet, revoking it."""

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone

from feedback.models import (
    KioskDevice,
    secret_hash,
)
from feedback.purposes import KIOSK_REGISTRATION
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.links.services import link_issue, link_revoke, link_use

ENROL_LINK_VALID = dt.timedelta(hours=24)


@transaction.atomic
def kiosk_enrol_link_new(*, device: KioskDevice, actor) -> str:
    """A new one-time registration link, valid for a day, in place of any earlier one.
    Returns the token for the address (socialwork/links keeps it sealed)."""
    if device.enrol_link is not None:
        link_revoke(link=device.enrol_link)
    device.enrol_link = link_issue(
        purpose=KIOSK_REGISTRATION.name,
        valid_for=ENROL_LINK_VALID,
        single_use=True,
        created_by=actor,
    )
    device.save(update_fields=["enrol_link"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        obj=device,
        unit=device.unit,
        changed_fields=["registration link"],
    )
    return device.enrol_link.token


@transaction.atomic
def kiosk_device_enrol(*, request, token: str) -> tuple[KioskDevice, str] | None:
    """Bind the tablet that opened the link: a new device secret for its cookie. The link
    works once; a second use, an expired or a made-up link gives None (and too many wrong
    ones TooManyGuesses)."""
    link = link_use(request, purpose=KIOSK_REGISTRATION.name, token=token)
    if link is None:
        return None
    device = (
        KioskDevice.objects.select_for_update()
        .filter(enrol_link=link, revoked_at__isnull=True)
        .first()
    )
    if device is None:
        return None
    secret = secrets.token_urlsafe(32)
    device.secret_hash = secret_hash(secret)
    device.enrolled_at = timezone.now()
    device.enrol_link = None
    device.save(update_fields=["secret_hash", "enrolled_at", "enrol_link"])
    audit_record(
        actor=None,
        label="kiosk",
        action=AuditEvent.Action.CHANGE,
        obj=device,
        unit=device.unit,
        changed_fields=["registered"],
    )
    return device, secret


@transaction.atomic
def kiosk_device_revoke(*, device: KioskDevice, actor) -> None:
    device.revoked_at = timezone.now()
    device.secret_hash = ""
    if device.enrol_link is not None:
        link_revoke(link=device.enrol_link)
    device.enrol_link = None
    device.save(update_fields=["revoked_at", "secret_hash", "enrol_link"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        obj=device,
        unit=device.unit,
        changed_fields=["revoked"],
    )
