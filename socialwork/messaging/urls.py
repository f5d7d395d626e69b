from django.urls import path

from socialwork.messaging import views

app_name = "messaging"

urlpatterns = [
    path(
        "receipts/gatewayapi/",
        views.GatewayApiReceiptView.as_view(),
        name="receipt_gatewayapi",
    ),
]
