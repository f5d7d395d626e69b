from django.urls import path

from participation.views import clock, events, sora

app_name = "participation"

urlpatterns = [
    path("sora/", sora.SoraHomeView.as_view(), name="sora"),
    path("sora/new/", sora.ReportCreateView.as_view(), name="sora_answer"),
    path(
        "sora/collection/<int:pk>/",
        sora.ReportCreateView.as_view(),
        name="sora_answer_collection",
    ),
    path("sora/reports/", sora.ReportListView.as_view(), name="sora_reports"),
    path("sora/reports/<int:pk>/", sora.ReportDetailView.as_view(), name="sora_report"),
    path("sora/collections/", sora.CollectionListView.as_view(), name="sora_collections"),
    path("sora/collections/new/", sora.CollectionCreateView.as_view(), name="sora_collection_new"),
    path("sora/summary/", sora.SummaryView.as_view(), name="sora_summary"),
    path("sora/summary/<int:pk>/", sora.SummaryFileView.as_view(), name="sora_summary_file"),
    path("sora/meetings/", sora.MeetingListView.as_view(), name="sora_meetings"),
    path("sora/meetings/new/", sora.MeetingFormView.as_view(), name="sora_meeting_new"),
    path("sora/meetings/<int:pk>/", sora.MeetingFormView.as_view(), name="sora_meeting"),
    path("events/", events.EventListView.as_view(), name="events"),
    path("events/new/", events.EventCreateView.as_view(), name="event_new"),
    path("events/<int:pk>/", events.EventDetailView.as_view(), name="event"),
    path("events/<int:pk>/edit/", events.EventUpdateView.as_view(), name="event_edit"),
    path(
        "events/<int:pk>/<slug:action>/",
        events.EventActionView.as_view(),
        name="event_action",
    ),
    path("clock/", clock.ClockView.as_view(), name="clock"),
    path("clock/new/", clock.ClockItemCreateView.as_view(), name="clock_item_new"),
    path("clock/<int:pk>/", clock.ClockItemUpdateView.as_view(), name="clock_item"),
    path("clock/<int:pk>/delete/", clock.ClockItemDeleteView.as_view(), name="clock_item_delete"),
    path("clock/<int:pk>/done/", clock.ClockDoneView.as_view(), name="clock_done"),
    path("clock/calendar.ics", clock.ClockIcsView.as_view(), name="clock_ics"),
    path("clock/address/", clock.ClockFeedRegenerateView.as_view(), name="clock_feed_regenerate"),
    path("clock/feed/<str:token>.ics", clock.ClockFeedView.as_view(), name="clock_feed"),
    path("clock/poster/<int:pk>/", clock.ClockPosterFileView.as_view(), name="clock_poster"),
]
