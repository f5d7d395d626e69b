from django.urls import path

from socialwork.core import views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Placeholders for the apps still to come; each app replaces its own line.
    path("councils/", views.ComingSoonView.as_view(feature="councils"), name="councils"),
    path("experts/", views.ComingSoonView.as_view(feature="experts"), name="experts"),
    path("reports/", views.ComingSoonView.as_view(feature="reports"), name="reports"),
]
