"""Councils' place in the retention table (socialwork/core/retention.py)."""

from django.utils.translation import gettext_lazy as _

from socialwork.core.retention import RecordClass, register_record_class

register_record_class(
    RecordClass(
        code="council_interview",
        label=_("Council candidates and interview notes"),
        kept=_("with the client record (the client class above)"),
        action=_("removed with the client record; a candidate can be removed at once"),
    )
)
register_record_class(
    RecordClass(
        code="council_minutes",
        label=_("Council minutes, agendas, proposals and answers"),
        kept=_("kept: public documents of the council's work, with no client's case"),
        action=_("a member's name in a membership goes with the client record"),
    )
)
