"""The retention of feedback's records (socialwork/core/retention.py)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialwork.core.retention import RecordClass, register_record_class


def _slips_due(now):
    from feedback.models import ContactSlip

    cutoff = now - timedelta(days=settings.RETENTION_CONTACT_SLIP_DAYS)
    return ContactSlip.objects.filter(
        Q(handled_at__lt=cutoff)
        | Q(handled_at__isnull=True, received_on__lt=timezone.localdate(cutoff))
    ).order_by("pk")


def _slips_apply(slips) -> int:
    return slips.delete()[0]


register_record_class(
    RecordClass(
        code="contact_slip",
        label=_("Contact slips (interested in a council or in expert work)"),
        kept=_(
            "RETENTION_CONTACT_SLIP_DAYS (180 by default) days after it was handled, or "
            "received if never handled"
        ),
        action=_("removed; a person who became a candidate or an expert is kept there"),
        due=_slips_due,
        apply=_slips_apply,
    )
)
register_record_class(
    RecordClass(
        code="anonymous_answer",
        label=_("Anonymous answers (feedback cards, the satisfaction survey)"),
        kept=_("kept: they name nobody"),
        action=_("the year-on-year comparisons read them"),
    )
)
