"""experts' writes, by area. Callers use `services.<name>` whatever the area: the names
below are the package's face (hence noqa: F401)."""

from .cv import (  # noqa: F401
    cv_approve,
    cv_publish,
    cv_save,
    expert_create,
    expert_update,
    expert_viewed,
    folder_downloaded,
    folder_request,
)
from .fees import (  # noqa: F401
    fee_reopen,
    fee_set,
    fees_approve,
    fees_mark_paid,
    invoice_create,
    payroll_export,
)
from .orders import (  # noqa: F401
    booking_answer,
    booking_ask,
    booking_cancel,
    booking_confirm,
    booking_expert_feedback,
    confirm_blockers,
    fee_warning,
    order_cancel,
    order_create,
    order_done,
    order_feedback,
    order_record_consent,
    order_update,
)
from .page import page_link_open, page_link_renew, page_link_revoke  # noqa: F401
from .recruitment import (  # noqa: F401
    expert_from_slip,
    expert_new_person,
    expert_person_update,
    expert_set_status,
    interview_save,
    interview_viewed,
    next_statuses,
    training_add,
)
from .support import (  # noqa: F401
    GATHERING_FIELDS,
    diary_add,
    gathering_attendance,
    gathering_save,
)
