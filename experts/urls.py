from django.urls import path

from experts import views

app_name = "experts"

urlpatterns = [
    path("", views.RosterView.as_view(), name="home"),
    path("cv/<int:pk>/", views.CVDetailView.as_view(), name="cv_detail"),
]
