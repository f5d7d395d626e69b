"""Every write in groups, each in a transaction, client data with its audit row."""

# The writes by area; callers use `services.<name>` (hence noqa: F401).
from .calendar import (  # noqa: F401
    calendar_feed_for,
    calendar_feed_regenerate,
)
from .evaluations import (  # noqa: F401
    ANSWER_RANGES,
    CODE_DURATIONS,
    evaluation_code_close,
    evaluation_code_open,
    evaluation_record,
    final_evaluation_save,
)
from .figures import (  # noqa: F401
    figures_refresh,
    figures_refreshed_at,
)
from .participation import (  # noqa: F401
    attendance_mark,
    enrolment_add,
    enrolment_update,
    group_goal_save,
    personal_goal_save,
)
from .runs import (  # noqa: F401
    client_participations_anonymise,
    run_create,
    run_set_status,
    run_update,
    session_cancel,
    session_restore,
    session_update,
    sessions_generate,
    wish_add,
    wish_use_as_theme,
)
