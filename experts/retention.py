"""Experts' place in the retention table (socialwork/core/retention.py)."""

from django.utils.translation import gettext_lazy as _

from socialwork.core.retention import RecordClass, register_record_class

register_record_class(
    RecordClass(
        code="expert_file",
        label=_("Experience experts' private files, bookings and fees"),
        kept=_("with the expert's client record (the client class above)"),
        action=_(
            "removed with the client record; the fees' sums stay in the fee exports and "
            "invoices, which the bookkeeping keeps"
        ),
    )
)
