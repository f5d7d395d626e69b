from django.urls import path

from groups import views

app_name = "groups"

urlpatterns = [
    path("", views.RunListView.as_view(), name="run_list"),
    path("new/", views.RunCreateView.as_view(), name="run_create"),
    path("programmes/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
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
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<int:pk>/edit/", views.SessionUpdateView.as_view(), name="session_update"),
    path("sessions/<int:pk>/cancel/", views.SessionCancelView.as_view(), name="session_cancel"),
    path("sessions/<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("sessions/<int:pk>/use-wish/", views.WishUseView.as_view(), name="wish_use"),
]
