"""groups' reads (selectors), by area: runs, the pages put together from them, evaluations,
the calendar and the reminder panel. Callers use `selectors.<name>` whatever the area: the
names below are the package's face (hence noqa: F401)."""

from .calendar import (  # noqa: F401
    calendar_feed_for_link,
    calendar_feed_of,
    calendar_feed_sessions,
    upcoming_sessions_for_user,
)
from .evaluations import (  # noqa: F401
    DEFAULT_QUESTION_SET,
    QuestionSummary,
    RunEvaluation,
    RunFigures,
    code_participants,
    enrolment_evaluations,
    evaluation_code_current,
    evaluation_code_open,
    evaluation_questions,
    final_evaluation_for,
    run_evaluation_summary,
    run_figures,
    session_evaluation_of,
    session_evaluation_summary,
    session_evaluations,
)
from .pages import (  # noqa: F401
    RunPage,
    SessionPage,
    run_page,
    session_page,
)
from .reminders import (  # noqa: F401
    ReminderRow,
    session_reminders,
)
from .runs import (  # noqa: F401
    Register,
    client_enrolments,
    client_removal_lines,
    enrolment_get_for_user,
    programme_active_get,
    programme_list,
    programmes_all,
    run_clients,
    run_enrolments,
    run_get_for_user,
    run_list_for_user,
    run_participations,
    run_register,
    run_session_count,
    run_sessions,
    run_units_for_user,
    session_attendance,
    session_get_for_user,
    waiting_list,
)
