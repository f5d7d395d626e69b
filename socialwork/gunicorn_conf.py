"""gunicorn's settings for production (docker-compose: `--config python:socialwork.gunicorn_conf`).

The access log leaves out the pages clients use without an account: the lobby tablet
(/kiosk/), the survey link (/s/) and the session-code evaluation (/e/). A line there would
hold the second, the address and the browser of each answer and each contact slip, which is
enough to place an anonymous answer next to a name. Staff pages are logged as usual.
"""

from gunicorn.glogging import Logger

UNLOGGED_PREFIXES = ("/kiosk/", "/s/", "/e/")


class ClientPrivateLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO", "").startswith(UNLOGGED_PREFIXES):
            return
        super().access(resp, req, environ, request_time)


logger_class = ClientPrivateLogger
accesslog = "-"
