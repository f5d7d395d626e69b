from django.urls import path

from experts.views import coordinator, fees, orders, public, roster, support

app_name = "experts"

urlpatterns = [
    # Every client worker: the CV folder, a CV, the folder as a PDF, ordering.
    path("", roster.RosterView.as_view(), name="home"),
    path("cv/<int:pk>/", roster.CVDetailView.as_view(), name="cv_detail"),
    path("folder/", roster.FolderView.as_view(), name="folder"),
    path("folder/<int:pk>/pdf/", roster.FolderDownloadView.as_view(), name="folder_pdf"),
    path("orders/", orders.OrderListView.as_view(), name="orders"),
    path("orders/new/", orders.OrderAddView.as_view(), name="order_add"),
    path("orders/new/outside/", orders.OutsideOrderAddView.as_view(), name="order_add_outside"),
    path("orders/<int:pk>/", orders.OrderDetailView.as_view(), name="order_detail"),
    path("orders/<int:pk>/edit/", orders.OrderEditView.as_view(), name="order_edit"),
    path("orders/<int:pk>/ask/", orders.AskView.as_view(), name="order_ask"),
    path("orders/<int:pk>/answer/", orders.AnswerView.as_view(), name="order_answer"),
    path("orders/<int:pk>/confirm/", orders.ConfirmView.as_view(), name="order_confirm"),
    path("orders/<int:pk>/drop/", orders.BookingCancelView.as_view(), name="booking_cancel"),
    path("orders/<int:pk>/consent/", orders.ConsentView.as_view(), name="order_consent"),
    path("orders/<int:pk>/cancel/", orders.CancelView.as_view(), name="order_cancel"),
    path("orders/<int:pk>/done/", orders.DoneView.as_view(), name="order_done"),
    path("orders/<int:pk>/feedback/", orders.FeedbackView.as_view(), name="order_feedback"),
    path("orders/<int:pk>/fee/", orders.FeeSetView.as_view(), name="order_fee"),
    # The coordinator alone.
    path("manage/", coordinator.ManageView.as_view(), name="manage"),
    path("manage/new/", coordinator.ExpertNewView.as_view(), name="expert_add"),
    path("manage/from-slip/", coordinator.ExpertFromSlipView.as_view(), name="expert_from_slip"),
    path("manage/<int:pk>/", coordinator.FileView.as_view(), name="file"),
    path("manage/<int:pk>/edit/", coordinator.FileFormView.as_view(), name="file_edit"),
    path("manage/<int:pk>/contact/", coordinator.PersonFormView.as_view(), name="person_edit"),
    path("manage/<int:pk>/status/", coordinator.StatusView.as_view(), name="status"),
    path("manage/<int:pk>/interview/", coordinator.InterviewView.as_view(), name="interview"),
    path("manage/<int:pk>/training/", coordinator.TrainingAddView.as_view(), name="training_add"),
    path("manage/<int:pk>/cv/", coordinator.CVEditView.as_view(), name="cv_edit"),
    path(
        "manage/<int:pk>/cv/<str:step>/",
        coordinator.CVStepView.as_view(),
        name="cv_step",
    ),
    path("manage/<int:pk>/page-link/", coordinator.PageLinkView.as_view(), name="page_link"),
    path("fees/", fees.FeeListView.as_view(), name="fees"),
    path("fees/approve/", fees.FeeApproveView.as_view(), name="fees_approve"),
    path("fees/paid/", fees.FeePaidView.as_view(), name="fees_paid"),
    path("fees/reopen/", fees.FeeReopenView.as_view(), name="fee_reopen"),
    path("fees/payroll/", fees.PayrollExportView.as_view(), name="payroll_export"),
    path(
        "fees/payroll/<int:pk>.<str:fmt>",
        fees.PayrollFileView.as_view(),
        name="payroll_file",
    ),
    path("fees/invoice/", fees.InvoiceCreateView.as_view(), name="invoice_create"),
    path("fees/invoice/<int:pk>/pdf/", fees.InvoiceFileView.as_view(), name="invoice_pdf"),
    path("support/", support.GatheringListView.as_view(), name="gatherings"),
    path("support/new/", support.GatheringFormView.as_view(), name="gathering_add"),
    path("support/<int:pk>/", support.GatheringDetailView.as_view(), name="gathering_detail"),
    path("support/<int:pk>/edit/", support.GatheringFormView.as_view(), name="gathering_edit"),
    path("diary/", support.DiaryView.as_view(), name="diary"),
    path("diary/report/", support.DiaryReportView.as_view(), name="diary_report"),
]

# The expert's own page, without a login (mounted at /k/ by the project's urls).
page_urlpatterns = [
    path("<str:token>/", public.ExpertPageView.as_view(), name="page"),
]
