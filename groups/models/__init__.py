"""Group-based social work: programme templates, group runs, sessions, enrolment,
attendance, goals and the evaluation after every session (domain guide §2.E.15, §3.10-3.11,
§4.3, §7.1).

Nothing here is case data: no diagnoses and no free-text accounts of a client's life. Notes
are for arranging the group (meals, travel), and dropping out is recorded in neutral words
and never feeds a benefit decision (001:474-476, 1166).
"""

# The models by area; Django and callers find them all here (hence noqa: F401).
from .evaluations import (  # noqa: F401
    EvaluationAnswer,
    EvaluationCode,
    FinalEvaluation,
    SessionEvaluation,
)
from .participation import (  # noqa: F401
    Attendance,
    Enrolment,
    Goal,
    GoalStatus,
    GroupGoal,
    PersonalGoal,
)
from .programmes import (  # noqa: F401
    EvaluationQuestion,
    EvaluationQuestionSet,
    Incentive,
    Programme,
    ServiceBasis,
    Weekday,
)
from .runs import (  # noqa: F401
    RUN_TRANSITIONS,
    SESSION_EARLIEST,
    SESSION_LATEST,
    CalendarFeed,
    GroupRun,
    Session,
    ThemeWish,
)
