"""Groups' place in the retention table (socialwork/core/retention.py): a participant's
group records go with the client record, which keeps the figures (groups/removal.py)."""

from django.utils.translation import gettext_lazy as _

from socialwork.core.retention import RecordClass, register_record_class

register_record_class(
    RecordClass(
        code="enrolment_attendance",
        label=_("Enrolments and attendance"),
        kept=_("with the client record (the client class above)"),
        action=_("the name goes; the attendance marks stay in the group's figures"),
    )
)
register_record_class(
    RecordClass(
        code="goal_evaluation",
        label=_("Personal goals and session evaluations"),
        kept=_("with the client record (the client class above)"),
        action=_("the goals' words go; the evaluations' numbers stay in the figures"),
    )
)
