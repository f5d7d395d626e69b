import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

SESSION_STARTED = "socialwork_session_started"
SESSION_LAST_SEEN = "socialwork_last_seen"
# Writing the session on every request would cost a database write per page view; a
# minute's resolution is plenty for a 30-minute idle limit.
LAST_SEEN_RESOLUTION = 60


class SessionTimeoutMiddleware:
    """Ends a staff session after SESSION_IDLE_TIMEOUT without activity, and after
    SESSION_MAX_AGE in any case, and tells the user why on the login page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.get(SESSION_STARTED)
            last_seen = request.session.get(SESSION_LAST_SEEN, now)
            if started is None:
                request.session[SESSION_STARTED] = started = now
            idle = now - last_seen > settings.SESSION_IDLE_TIMEOUT.total_seconds()
            too_old = now - started > settings.SESSION_MAX_AGE.total_seconds()
            if idle or too_old:
                logout(request)
                messages.info(
                    request,
                    _("You were logged out after %(minutes)d minutes without activity.")
                    % {"minutes": int(settings.SESSION_IDLE_TIMEOUT.total_seconds() // 60)}
                    if idle
                    else _("Your session reached its maximum length. Please log in again."),
                )
                return redirect_to_login(request.get_full_path())
            if now - last_seen >= LAST_SEEN_RESOLUTION or SESSION_LAST_SEEN not in request.session:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


class HealthCheckMiddleware:
    """GET /healthz answers 200 when the database answers, for docker-compose and load
    balancers. It runs before host validation, because the probe uses the container's own
    address, and it tells nothing but "ok"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz" and request.method in ("GET", "HEAD"):
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
            except Exception:
                return HttpResponse("database unavailable", status=503, content_type="text/plain")
            return HttpResponse("ok", content_type="text/plain")
        return self.get_response(request)


class NulCharacterMiddleware:
    """PostgreSQL text cannot hold a NUL character; one in an address or a form would end
    as a database error deep in a view. No person types one: an address with it is not
    found, a form or query with it is a bad request, before any view runs. A warning, not
    an error: nothing is wrong with the service, someone sent odd input."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        for data in (request.GET, request.POST) if request.method == "POST" else (request.GET,):
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    from socialwork.core.views import error_400

                    logger.warning("A NUL character in the request to %s", request.path)
                    return error_400(request)
        return self.get_response(request)
