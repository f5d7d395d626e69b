"""Participation's place in the retention table (socialwork/core/retention.py)."""

from django.utils.translation import gettext_lazy as _

from socialwork.core.retention import RecordClass, register_record_class

register_record_class(
    RecordClass(
        code="sora_report",
        label=_("Social reports (SORA)"),
        kept=_("kept: about phenomena, never a client (personal details are refused)"),
        action=_("the year's counts and summaries read them"),
    )
)
