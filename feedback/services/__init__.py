"""Every write of the feedback app.

Answers are stored by one SQL statement each (`_INSERT_SQL`): the response row and its
answers go in together, and `ON CONFLICT (key) DO NOTHING` on the client's idempotency key
makes a retried or double-sent answer a no-op. It is also what keeps the lobby tablet's
endpoint within reach of a bare INSERT (DESIGN §6: `get_or_create` managed 0.42 of it).
"""

# The writes by area; callers use `services.<name>` (hence noqa: F401).
from .answers import (  # noqa: F401
    CLOCK_SKEW,
    KIOSK_INSERT_SQL,
    OFFLINE_MAX_AGE,
    STAFF_INSERT_SQL,
    TABLET_KINDS,
    TEXT_LIMITS,
    ItemRule,
    Stored,
    answer_moment,
    clean_answers,
    clean_text,
    comment_hide,
    comments_mark_read,
    floor_to_hour,
    kiosk_answer_record,
    micro_feedback_record,
    paper_form_enter,
    response_record,
    version_rules,
)
from .campaigns import (  # noqa: F401
    campaign_save,
    campaign_sheet_request,
    scoped_campaign_open,
)
from .contacts import (  # noqa: F401
    contact_slip_erase,
    contact_slip_handle,
    contact_slip_record,
    contact_slip_take,
    contact_slips_release,
    contact_slips_viewed,
)
from .instruments import (  # noqa: F401
    version_copy,
    version_has_answers,
)
from .kiosk import (  # noqa: F401
    ENROL_LINK_VALID,
    kiosk_device_enrol,
    kiosk_device_revoke,
    kiosk_enrol_link_new,
)
from .results import (  # noqa: F401
    responses_counted,
    results_refresh_due,
    results_snapshot_make,
    results_stale_years,
)
