from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="home"),
    path("<slug:section>/", views.DashboardView.as_view(), name="dashboard"),
]
