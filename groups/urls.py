from django.urls import path

from groups import views

app_name = "groups"

urlpatterns = [
    path("", views.RunListView.as_view(), name="run_list"),
    path("new/", views.RunCreateView.as_view(), name="run_create"),
    path("programmes/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path(
        "calendar/address/",
        views.CalendarFeedRegenerateView.as_view(),
        name="calendar_feed_regenerate",
    ),
    path("calendar/<str:token>.ics", views.CalendarFeedView.as_view(), name="calendar_feed"),
    path("<int:pk>/", views.RunDetailView.as_view(), name="run_detail"),
    path("<int:pk>/edit/", views.RunUpdateView.as_view(), name="run_update"),
    path("<int:pk>/status/", views.RunStatusView.as_view(), name="run_status"),
    path("<int:pk>/register/", views.RegisterView.as_view(), name="register"),
    path(
        "<int:pk>/participants/new/", views.EnrolmentCreateView.as_view(), name="enrolment_create"
    ),
    path(
        "<int:pk>/participants/<int:enrolment_pk>/",
        views.EnrolmentUpdateView.as_view(),
        name="enrolment_update",
    ),
    path(
        "<int:pk>/participants/<int:enrolment_pk>/goals/new/",
        views.PersonalGoalView.as_view(),
        name="personal_goal_create",
    ),
    path(
        "<int:pk>/participants/<int:enrolment_pk>/goals/<int:goal_pk>/",
        views.PersonalGoalView.as_view(),
        name="personal_goal_update",
    ),
    path("<int:pk>/goals/new/", views.GroupGoalView.as_view(), name="group_goal_create"),
    path("<int:pk>/goals/<int:goal_pk>/", views.GroupGoalView.as_view(), name="group_goal_update"),
    path("<int:pk>/wishes/new/", views.WishCreateView.as_view(), name="wish_create"),
    path("<int:pk>/evaluations/", views.RunEvaluationsView.as_view(), name="run_evaluations"),
    path(
        "<int:pk>/final-evaluation/",
        views.FinalEvaluationView.as_view(),
        name="final_evaluation",
    ),
    path(
        "participants/<int:pk>/evaluations/",
        views.ParticipantEvaluationsView.as_view(),
        name="participant_evaluations",
    ),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<int:pk>/edit/", views.SessionUpdateView.as_view(), name="session_update"),
    path("sessions/<int:pk>/cancel/", views.SessionCancelView.as_view(), name="session_cancel"),
    path("sessions/<int:pk>/restore/", views.SessionRestoreView.as_view(), name="session_restore"),
    path("sessions/<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("sessions/<int:pk>/use-wish/", views.WishUseView.as_view(), name="wish_use"),
    path(
        "sessions/<int:pk>/evaluations/",
        views.SessionEvaluationsView.as_view(),
        name="session_evaluations",
    ),
    path(
        "sessions/<int:pk>/evaluations/<int:enrolment_pk>/",
        views.EvaluationEntryView.as_view(),
        name="evaluation_entry",
    ),
    path("sessions/<int:pk>/code/", views.EvaluationCodeView.as_view(), name="evaluation_code"),
    path(
        "sessions/<int:pk>/code/close/",
        views.EvaluationCodeCloseView.as_view(),
        name="evaluation_code_close",
    ),
]

# The participants' pages: short addresses, easy to type from the screen, no login.
public_urlpatterns = [
    path("", views.CodeEntryView.as_view(), name="code_entry"),
    path("<str:code>/", views.CodeParticipantsView.as_view(), name="code_participants"),
    path(
        "<str:code>/<int:enrolment_pk>/", views.SelfEvaluationView.as_view(), name="self_evaluation"
    ),
    path("<str:code>/thanks/", views.CodeThanksView.as_view(), name="code_thanks"),
]
