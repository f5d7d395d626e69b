"""`make run` and `make test`: the two commands a new machine needs.

    python -m socialwork.dev run    # web server, Celery worker and beat, demo data
    python -m socialwork.dev test   # lint, migrations, translations, the whole test suite
    python -m socialwork.dev test-clock  # the whole suite again under moved clocks

Both start the embedded PostgreSQL and Redis (socialwork.embedded) unless DATABASE_URL /
REDIS_URL point elsewhere, and stop what they started when they finish or on Ctrl-C.
"""

from __future__ import annotations

import datetime
import os
import shutil
import signal
import subprocess
import sys
import time
import zoneinfo
from pathlib import Path

from socialwork import embedded

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent

# Debian packages the test suite needs: the browser for the browser tests, HarfBuzz's
# subsetter and poppler for PDFs, gettext for the translation check.
SYSTEM_PACKAGES = {
    "chromium": lambda: Path("/usr/bin/chromium").exists(),
    "libharfbuzz-subset0": lambda: _has_library("libharfbuzz-subset.so.0"),
    "poppler-utils": lambda: shutil.which("pdftoppm") is not None,
    "gettext": lambda: shutil.which("xgettext") is not None,
    # libfaketime: `make test-clock` runs the suite with the machine's clock moved.
    "faketime": lambda: Path(FAKETIME_LIBRARY).exists(),
}
FAKETIME_LIBRARY = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"


def _has_library(name: str) -> bool:
    try:
        out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    except OSError:
        return False
    return name in out


def say(text: str) -> None:
    print(f"==> {text}", flush=True)


def ensure_system_packages() -> None:
    missing = [name for name, present in SYSTEM_PACKAGES.items() if not present()]
    if not missing:
        return
    command = (
        "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "
        "--no-install-recommends " + " ".join(missing)
    )
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"installing system packages: {' '.join(missing)}")
        subprocess.run(command, shell=True, check=True)
        return
    sys.exit(
        f"The tests need these system packages: {' '.join(missing)}.\n"
        f"Install them as root and run `make test` again:\n\n    sudo sh -c '{command}'\n"
    )


class Services:
    """The embedded servers this process started, to be stopped on the way out."""

    def __init__(self) -> None:
        self.stops = []

    def start(self, *, redis: bool) -> None:
        if not os.environ.get("DATABASE_URL"):
            url, started = embedded.start_postgres()
            os.environ["DATABASE_URL"] = url
            say(f"embedded PostgreSQL in {embedded.POSTGRES_DIR}")
            if started:
                self.stops.append(embedded.stop_postgres)
        if redis and not os.environ.get("REDIS_URL"):
            url, started = embedded.start_redis()
            os.environ["REDIS_URL"] = url
            say(f"embedded Redis at {url}")
            if started:
                self.stops.append(embedded.stop_redis)

    def stop(self) -> None:
        for stop in reversed(self.stops):
            try:
                stop()
            except Exception as exc:
                print(f"could not stop a service cleanly: {exc}", file=sys.stderr)
        self.stops.clear()


def manage(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, check=check)


def run() -> int:
    os.environ.setdefault("DEBUG", "1")
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "8000")
    services = Services()
    children: list[subprocess.Popen] = []
    try:
        services.start(redis=True)
        manage("migrate", "--no-input", "-v", "0")
        from_scratch = (
            subprocess.run(
                [
                    PYTHON,
                    "manage.py",
                    "shell",
                    "-c",
                    "from socialwork.people.models import User; print(User.objects.exists())",
                ],
                cwd=BASE_DIR,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .endswith("False")
        )
        if from_scratch:
            say("first start: loading the demo municipality")
            manage("seed_demo")
        commands = [
            [PYTHON, "manage.py", "runserver", f"{host}:{port}"],
            [str(BIN / "celery"), "-A", "socialwork", "worker", "-l", "info", "--concurrency", "2"],
            [str(BIN / "celery"), "-A", "socialwork", "beat", "-l", "info"],
        ]
        for command in commands:
            children.append(subprocess.Popen(command, cwd=BASE_DIR))
        _banner(host, port)
        stopping = []
        # Ctrl-C reaches the children too (same terminal); note it before they exit, so that
        # their exit is not mistaken for a crash.
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stopping.append(True))
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.2)
        if stopping:
            say("stopping")
            return 0
        say("a process stopped; shutting down the rest")
        return 1
    except KeyboardInterrupt:
        say("stopping")
        return 0
    finally:
        _stop_children(children)
        services.stop()


def _banner(host: str, port: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialwork.settings")
    django.setup()
    from socialwork.people.demo import DEMO_PASSWORD, logins

    lines = [
        "",
        f"  socialwork is running at http://{host}:{port}/",
        "",
        f"  Demo logins (password for all: {DEMO_PASSWORD}):",
        *[f"    {username:<16} {who}" for username, who in logins()],
        "",
        "  Each account's first login sets up an authenticator app (scan the QR code with",
        "  any TOTP app); SECOND_FACTOR_REQUIRED=false make run skips it for a quick look.",
        "",
        "  SMS messages are printed here, not sent. Ctrl-C stops everything.",
        "",
    ]
    print("\n".join(lines), flush=True)


def _stop_children(children: list[subprocess.Popen]) -> None:
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def test(pytest_args: list[str]) -> int:
    # The checks below run manage.py outside pytest: give them development defaults.
    os.environ.setdefault("DEBUG", "1")
    ensure_system_packages()
    services = Services()
    try:
        say("ruff")
        subprocess.run([str(BIN / "ruff"), "check", "."], cwd=BASE_DIR, check=True)
        subprocess.run([str(BIN / "ruff"), "format", "--check", "."], cwd=BASE_DIR, check=True)
        services.start(redis=False)
        say("migrations are up to date")
        manage("makemigrations", "--check", "--dry-run", "-v", "1")
        say("translations are complete and compiled")
        manage("check_translations")
        say("pytest")
        return subprocess.run([PYTHON, "-m", "pytest", *pytest_args], cwd=BASE_DIR).returncode
    except subprocess.CalledProcessError as exc:
        return exc.returncode or 1
    finally:
        services.stop()


def clock_moments(now: datetime.datetime) -> list[tuple[str, datetime.datetime]]:
    """The moments `make test-clock` moves the clock to, always ahead of `now` (UTC): a
    test that passes today must pass on each of them."""
    helsinki = zoneinfo.ZoneInfo("Europe/Helsinki")
    year = now.year
    while True:
        # The clocks go back at 04:00 summer time on the last Sunday of October (01:00
        # UTC); the suite starts ten minutes before and runs through the changed hour.
        october_end = datetime.date(year, 10, 31)
        sunday = october_end - datetime.timedelta(days=(october_end.weekday() + 1) % 7)
        fall_back = datetime.datetime.combine(sunday, datetime.time(0, 50), tzinfo=datetime.UTC)
        if fall_back > now:
            break
        year += 1
    year = now.year
    while (new_year_eve := datetime.datetime(year, 12, 31, 23, 30, tzinfo=helsinki)) <= now:
        year += 1
    return [
        ("400 days ahead", now + datetime.timedelta(days=400)),
        ("the night the clocks go back", fall_back),
        ("New Year's Eve, 23:30 in Helsinki", new_year_eve.astimezone(datetime.UTC)),
    ]


def test_clock(pytest_args: list[str]) -> int:
    """The test suite with the clock of pytest and everything it starts (the browser, the
    Celery worker, the local gateway) moved by libfaketime. Each moment is an offset from
    the real clock, so that every process moved agrees on the time."""
    ensure_system_packages()
    services = Services()
    failed = []
    try:
        services.start(redis=False)
        for name, moment in clock_moments(datetime.datetime.now(datetime.UTC)):
            offset = int((moment - datetime.datetime.now(datetime.UTC)).total_seconds())
            say(f"pytest with the clock at {moment:%Y-%m-%d %H:%M} UTC ({name})")
            env = os.environ | {"LD_PRELOAD": FAKETIME_LIBRARY, "FAKETIME": f"{offset:+d}"}
            result = subprocess.run([PYTHON, "-m", "pytest", *pytest_args], cwd=BASE_DIR, env=env)
            if result.returncode != 0:
                failed.append(name)
    finally:
        services.stop()
    if failed:
        say(f"failed with the clock moved: {', '.join(failed)}")
        return 1
    say("the suite passed at every moved clock")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "test-clock"}:
        print(__doc__)
        return 2
    os.chdir(BASE_DIR)
    if argv[0] == "run":
        return run()
    if argv[0] == "test-clock":
        return test_clock(argv[1:])
    return test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
