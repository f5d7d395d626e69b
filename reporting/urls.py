from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="home"),
    path("annual/", views.AnnualReportsView.as_view(), name="annual"),
    path("file/<int:pk>/", views.ReportFileView.as_view(), name="report_file"),
    path("group/<int:pk>/", views.RunReportView.as_view(), name="run_report"),
    path("<slug:section>/", views.DashboardView.as_view(), name="dashboard"),
    path("<slug:section>/pdf/", views.ReportRequestView.as_view(), name="report_request"),
    path("<slug:section>/export.<str:fmt>", views.ExportView.as_view(), name="export"),
]
