from django.urls import path

from groups.views import calendar, evaluations, participants, public, runs, sessions

app_name = "groups"

urlpatterns = [
    path("", runs.RunListView.as_view(), name="run_list"),
    path("new/", runs.RunCreateView.as_view(), name="run_create"),
    path("programmes/", runs.ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/<int:pk>/", runs.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("calendar/", calendar.CalendarView.as_view(), name="calendar"),
    path(
        "calendar/address/",
        calendar.CalendarFeedRegenerateView.as_view(),
        name="calendar_feed_regenerate",
    ),
    path("calendar/<str:token>.ics", calendar.CalendarFeedView.as_view(), name="calendar_feed"),
    path("<int:pk>/", runs.RunDetailView.as_view(), name="run_detail"),
    path("<int:pk>/edit/", runs.RunUpdateView.as_view(), name="run_update"),
    path("<int:pk>/status/", runs.RunStatusView.as_view(), name="run_status"),
    path("<int:pk>/register/", runs.RegisterView.as_view(), name="register"),
    path(
        "<int:pk>/participants/new/",
        participants.EnrolmentCreateView.as_view(),
        name="enrolment_create",
    ),
    path(
        "<int:pk>/participants/<int:enrolment_pk>/",
        participants.EnrolmentUpdateView.as_view(),
        name="enrolment_update",
    ),
    path(
        "<int:pk>/participants/<int:enrolment_pk>/goals/new/",
        participants.PersonalGoalView.as_view(),
        name="personal_goal_create",
    ),
    path(
        "<int:pk>/participants/<int:enrolment_pk>/goals/<int:goal_pk>/",
        participants.PersonalGoalView.as_view(),
        name="personal_goal_update",
    ),
    path("<int:pk>/goals/new/", participants.GroupGoalView.as_view(), name="group_goal_create"),
    path(
        "<int:pk>/goals/<int:goal_pk>/",
        participants.GroupGoalView.as_view(),
        name="group_goal_update",
    ),
    path("<int:pk>/wishes/new/", participants.WishCreateView.as_view(), name="wish_create"),
    path("<int:pk>/evaluations/", evaluations.RunEvaluationsView.as_view(), name="run_evaluations"),
    path(
        "<int:pk>/final-evaluation/",
        evaluations.FinalEvaluationView.as_view(),
        name="final_evaluation",
    ),
    path(
        "participants/<int:pk>/evaluations/",
        evaluations.ParticipantEvaluationsView.as_view(),
        name="participant_evaluations",
    ),
    path("sessions/<int:pk>/", sessions.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<int:pk>/edit/", sessions.SessionUpdateView.as_view(), name="session_update"),
    path("sessions/<int:pk>/cancel/", sessions.SessionCancelView.as_view(), name="session_cancel"),
    path(
        "sessions/<int:pk>/restore/", sessions.SessionRestoreView.as_view(), name="session_restore"
    ),
    path("sessions/<int:pk>/attendance/", sessions.AttendanceView.as_view(), name="attendance"),
    path("sessions/<int:pk>/use-wish/", sessions.WishUseView.as_view(), name="wish_use"),
    path(
        "sessions/<int:pk>/evaluations/",
        evaluations.SessionEvaluationsView.as_view(),
        name="session_evaluations",
    ),
    path(
        "sessions/<int:pk>/evaluations/<int:enrolment_pk>/",
        evaluations.EvaluationEntryView.as_view(),
        name="evaluation_entry",
    ),
    path(
        "sessions/<int:pk>/code/", evaluations.EvaluationCodeView.as_view(), name="evaluation_code"
    ),
    path(
        "sessions/<int:pk>/code/close/",
        evaluations.EvaluationCodeCloseView.as_view(),
        name="evaluation_code_close",
    ),
]

# The participants' pages: short addresses, easy to type from the screen, no login.
public_urlpatterns = [
    path("", public.CodeEntryView.as_view(), name="code_entry"),
    path("<str:code>/", public.CodeParticipantsView.as_view(), name="code_participants"),
    path(
        "<str:code>/<int:enrolment_pk>/",
        public.SelfEvaluationView.as_view(),
        name="self_evaluation",
    ),
    path("<str:code>/thanks/", public.CodeThanksView.as_view(), name="code_thanks"),
]
