from django.urls import path

from feedback import kiosk_views, survey_views, views

app_name = "feedback"

urlpatterns = [
    path("", views.FeedbackHomeView.as_view(), name="home"),
    path("results/", views.ResultsView.as_view(), name="results"),
    path("results.csv", views.ResultsCsvView.as_view(), name="results_csv"),
    path(
        "comments/<uuid:key>/<int:item>/hide/",
        views.CommentHideView.as_view(),
        name="comment_hide",
    ),
    path("comments/read/", views.CommentsReadView.as_view(), name="comments_read"),
    path("micro/", views.MicroFeedbackView.as_view(), name="micro"),
    path("paper/", views.PaperEntryView.as_view(), name="paper"),
    path("campaigns/", views.CampaignListView.as_view(), name="campaign_list"),
    path("campaigns/<int:pk>/sheet.pdf", views.CampaignSheetView.as_view(), name="campaign_sheet"),
    path("contacts/", views.ContactSlipListView.as_view(), name="contact_slips"),
    path(
        "contacts/<uuid:pk>/handled/",
        views.ContactSlipHandleView.as_view(),
        name="contact_slip_handle",
    ),
    path(
        "contacts/<uuid:pk>/erase/",
        views.ContactSlipEraseView.as_view(),
        name="contact_slip_erase",
    ),
]

# The lobby tablet: no login; the device cookie is its key.
kiosk_urlpatterns = [
    path("", kiosk_views.KioskPageView.as_view(), name="page"),
    path("answer/", kiosk_views.kiosk_answer, name="answer"),
    path("contact/", kiosk_views.kiosk_contact, name="contact"),
    path("enrol/<str:token>/", kiosk_views.KioskEnrolView.as_view(), name="enrol"),
]

# The survey on the client's own device: a short address for the printed sheet.
survey_urlpatterns = [
    path("<str:token>/", survey_views.SurveyView.as_view(), name="start"),
    path("<str:token>/thanks/", survey_views.SurveyThanksView.as_view(), name="thanks"),
    path("<str:token>/contact/", survey_views.SurveyContactView.as_view(), name="contact"),
]
