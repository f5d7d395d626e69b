from django.urls import path

from experts import views

app_name = "experts"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]
