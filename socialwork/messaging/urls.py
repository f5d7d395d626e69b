from django.urls import path

from socialwork.messaging import views

app_name = "messaging"

urlpatterns = [
    path(
        "receipts/gatewayapi/",
        views.GatewayApiReceiptView.as_view(),
        name="receipt_gatewayapi",
    ),
    path("outbox/", views.OutboxListView.as_view(), name="outbox_list"),
    path("letters/", views.LetterListView.as_view(), name="letter_list"),
    path("letters/<int:pk>/pdf/", views.LetterBatchPdfView.as_view(), name="letter_batch_pdf"),
    path(
        "letters/<int:pk>/posted/",
        views.LetterBatchPostedView.as_view(),
        name="letter_batch_posted",
    ),
]
