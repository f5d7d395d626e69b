from django.urls import path

from socialwork.people import views

app_name = "people"

urlpatterns = [
    path("clients/", views.ClientListView.as_view(), name="client_list"),
    path("clients/new/", views.ClientCreateView.as_view(), name="client_create"),
    path("clients/<int:pk>/", views.ClientDetailView.as_view(), name="client_detail"),
    path("clients/<int:pk>/edit/", views.ClientUpdateView.as_view(), name="client_update"),
    path("clients/<int:pk>/remove/", views.ClientDeleteView.as_view(), name="client_delete"),
    path(
        "clients/<int:pk>/consents/new/", views.ConsentCreateView.as_view(), name="consent_create"
    ),
    path(
        "clients/<int:pk>/consents/<int:consent_pk>/withdraw/",
        views.ConsentWithdrawView.as_view(),
        name="consent_withdraw",
    ),
    path("clients/<int:pk>/access-log/", views.AccessReportView.as_view(), name="access_report"),
    path(
        "clients/<int:pk>/access-log/<int:document_pk>/",
        views.AccessReportFileView.as_view(),
        name="access_report_file",
    ),
    path("clients/<int:pk>/own-data/", views.DataExportView.as_view(), name="data_export"),
    path(
        "clients/<int:pk>/own-data/<int:document_pk>/",
        views.DataExportFileView.as_view(),
        name="data_export_file",
    ),
    path("partners/", views.PartnerListView.as_view(), name="partner_list"),
    path("accounts/code/", views.SecondFactorVerifyView.as_view(), name="second_factor_verify"),
    path(
        "accounts/authenticator/",
        views.SecondFactorSetupView.as_view(),
        name="second_factor_setup",
    ),
    path("accounts/recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery_codes"),
    path("accounts/security/", views.SecurityView.as_view(), name="security"),
]
