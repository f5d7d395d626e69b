"""A real Celery worker in a process of its own, for the worker test and the benchmark: the
command, a production-like environment that points at this process's database, stopping and
killing it with its pool."""

import contextlib
import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for the database this connection uses (a test database too), checked
    by parsing it back the way settings.py will."""
    import environ

    user = quote(settings_dict["USER"] or "", safe="")
    password = settings_dict["PASSWORD"] or ""
    auth = user + (":" + quote(password, safe="") if password else "")
    host, port = settings_dict["HOST"] or "", str(settings_dict["PORT"] or "")
    name = quote(settings_dict["NAME"], safe="")
    if host.startswith("/"):
        # A Unix socket directory (the embedded server): django-environ does not decode a
        # %2F host, so the directory goes in the path form.
        url = f"postgres://{auth}@/{quote(host, safe='')}/{name}"
    else:
        url = f"postgres://{auth}@{host}{':' + port if port else ''}/{name}"
    options = settings_dict.get("OPTIONS") or {}
    if options:
        url += "?" + urlencode(options)
    parsed = environ.Env.db_url_config(url)
    for key in ("NAME", "USER", "PASSWORD", "HOST"):
        if str(parsed.get(key) or "") != str(settings_dict[key] or ""):
            raise RuntimeError(f"cannot write the database's {key} into a URL: {url}")
    if not host.startswith("/") and str(parsed.get("PORT") or "") != port:
        raise RuntimeError(f"cannot write the database's port into a URL: {url}")
    return url


def production_env(*, redis_url: str, gateway_url: str, token: str, **extra: str) -> dict:
    """The environment of a worker that runs as production does (no test settings, no
    DEBUG, tasks through the broker), on this process's database and the given Redis, with
    the GatewayAPI backend pointed at a local gateway and quiet hours that never apply."""
    from django.db import connection

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "socialwork.settings",
        "DATABASE_URL": database_url(connection.settings_dict),
        "REDIS_URL": redis_url,
        "SOCIALWORK_TESTING": "0",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "LOG_LEVEL": "WARNING",
        "SMS_BACKEND": "socialwork.messaging.backends.gatewayapi.GatewayApiBackend",
        "SMS_GATEWAY_URL": gateway_url,
        "SMS_GATEWAY_TOKEN": token,
        "SMS_QUIET_HOURS_START": "00:00",
        "SMS_QUIET_HOURS_END": "00:00",
        **extra,
    }


class Worker:
    """`celery -A socialwork worker` in a process group of its own, so that a kill takes
    the pool processes with it."""

    def __init__(self, env: dict, log: Path, name: str, concurrency: int = 2):
        self.env, self.log, self.name, self.concurrency = env, log, name, concurrency
        self.process: subprocess.Popen | None = None

    def start(self) -> "Worker":
        command = [
            sys.executable,
            *("-m", "celery", "-A", "socialwork", "worker"),
            *("--pool", "prefork", "--concurrency", str(self.concurrency)),
            *("--loglevel", "WARNING", "--hostname", f"{self.name}@%h"),
            *("--without-mingle", "--without-gossip"),
        ]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                command,
                cwd=BASE_DIR,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL to the main process and its pool at once: nothing is cleaned up."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """Warm shutdown, then a kill of whatever is left of the group."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=15)
        self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""
