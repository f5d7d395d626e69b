"""councils' writes, by area. Callers use `services.<name>` whatever the area: the names
below are the package's face (hence noqa: F401)."""

from .councils import (  # noqa: F401
    client_memberships_remove,
    council_create,
    council_set_status,
    council_update,
    feedback_round_open,
    hours_record,
    member_add,
    member_set_status,
)
from .meetings import (  # noqa: F401
    agenda_add,
    agenda_move,
    agenda_remove,
    agenda_update,
    attendance_save,
    meeting_add,
    meeting_cancel,
    meeting_restore,
    meeting_update,
    meetings_generate,
    meetings_plan_more,
    minutes_approve,
    minutes_correct,
    minutes_save,
    topic_add,
    topic_set_status,
)
from .packets import (  # noqa: F401
    attachment_add,
    member_link_for,
    member_links_close,
    packet_send,
    packets_due,
)
from .proposals import (  # noqa: F401
    commission_answer,
    commission_give,
    deadline_reminders_queue,
    default_deadline,
    output_add,
    proposal_answer,
    proposal_answer_outside,
    proposal_create,
    proposal_outcome,
    proposal_record_answer,
    proposal_report,
    proposal_send,
    proposal_update,
)
from .recruitment import (  # noqa: F401
    candidate_add,
    candidate_create,
    candidate_from_slip,
    candidate_set_stage,
    interview_save,
    interview_topics_move,
    interview_viewed,
    kickoff_attendance,
    kickoff_invite,
    kickoff_save,
    next_stages,
)
from .replies import member_reply  # noqa: F401
