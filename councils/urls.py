from django.urls import path

from councils import views

app_name = "councils"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
]
