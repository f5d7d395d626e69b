from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from councils.urls import answer_urlpatterns as council_answer_urls
from councils.urls import member_urlpatterns as council_member_urls
from experts.urls import page_urlpatterns as expert_page_urls
from feedback.urls import kiosk_urlpatterns, survey_urlpatterns
from groups.urls import public_urlpatterns as public_group_urls
from socialwork.core.admin import site as admin_site
from socialwork.core.forms import LoginForm

urlpatterns = [
    path("", include("socialwork.core.urls")),
    path("", include("socialwork.people.urls")),
    path("audit/", include("socialwork.audit.urls")),
    path("groups/", include("groups.urls")),
    path("messaging/", include("socialwork.messaging.urls")),
    path("feedback/", include("feedback.urls")),
    path("councils/", include("councils.urls")),
    path("experts/", include("experts.urls")),
    path("participation/", include("participation.urls")),
    path("reports/", include("reporting.urls")),
    path("kiosk/", include((kiosk_urlpatterns, "kiosk"))),
    # The satisfaction survey from the printed sheet's link or QR code.
    path("s/", include((survey_urlpatterns, "survey"))),
    # Session evaluation by the participants themselves: /e/ and the code on the screen.
    path("e/", include((public_group_urls, "evaluate"))),
    # A council member's own page for a meeting, and an outside answer to a proposal.
    path("r/", include((council_member_urls, "council_member"))),
    path("vastaus/", include((council_answer_urls, "council_answer"))),
    # An experience expert's own page: requests, bookings, CV and fees.
    path("k/", include((expert_page_urls, "expert_page"))),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin_site.urls),
]

handler400 = "socialwork.core.views.error_400"
handler403 = "socialwork.core.views.error_403"
handler404 = "socialwork.core.views.error_404"
handler500 = "socialwork.core.views.error_500"
