"""Production mode, security headers and the docker-compose description."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.db import connection
from django.urls import reverse

BASE_DIR = Path(settings.BASE_DIR)
SECRET = "a" * 20 + "-production-secret-for-the-deploy-check-0123456789"


def database_url():
    db = connection.settings_dict
    host = db["HOST"].replace("/", "%2F")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{host}{port}/{db['NAME']}"


def manage(*args, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=base
        | {
            "SOCIALWORK_TESTING": "0",
            "DATABASE_URL": database_url(),
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        }
        | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key(db):
    result = manage("check", DEBUG="0", ALLOWED_HOSTS="sosiaalityo.example.fi")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts(db):
    result = manage("check", DEBUG="0", SECRET_KEY=SECRET)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_refuses_to_start_without_redis(db):
    result = manage(
        "check", DEBUG="0", SECRET_KEY=SECRET, ALLOWED_HOSTS="sosiaalityo.example.fi", REDIS_URL=""
    )
    assert result.returncode != 0
    assert "REDIS_URL must be set" in result.stderr


def test_production_without_a_mail_server_prints_no_client_mail(db):
    # The console backend would write clients' addresses and texts into the container logs.
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_BACKEND)",
        DEBUG="0",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="sosiaalityo.example.fi",
        EMAIL_URL="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("nomail.NoMailBackend")


def test_check_deploy_reports_nothing(db):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        DEBUG="0",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="sosiaalityo.example.fi",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_security_headers_and_csp_without_unsafe_inline(world, login):
    response = login(world.counsellor).get(reverse("core:home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_templates_have_no_inline_scripts_or_styles():
    # The CSP forbids them; this finds one before a browser does.
    offenders = []
    for path in (BASE_DIR / "templates").rglob("*.html"):
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\sstyle=\"", text):
            offenders.append(str(path.relative_to(BASE_DIR)))
        if re.search(r"\son[a-z]+=\"", text):
            offenders.append(f"{path.relative_to(BASE_DIR)} (inline event handler)")
    assert not offenders


def test_health_check(db, client):
    response = client.get("/healthz", HTTP_HOST="172.18.0.5:8000")
    assert response.status_code == 200 and response.content == b"ok"


# --- docker-compose.yml --------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def test_compose_file_is_valid_against_the_compose_spec():
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--builtin-schema",
            "vendor.compose-spec",
            str(BASE_DIR / "docker-compose.yml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_services_have_health_checks_and_volumes(compose):
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis", "migrate"} <= set(services)
    for name in ("web", "worker", "postgres", "redis"):
        assert "healthcheck" in services[name], name
    assert "pgdata:/var/lib/postgresql/data" in services["postgres"]["volumes"]
    assert "redisdata:/data" in services["redis"]["volumes"]
    assert (BASE_DIR / "Dockerfile").exists()


def test_the_application_port_is_published_for_the_proxy_only(compose):
    # X-Forwarded-For is trusted (PROXY_COUNT): a port open on every interface would let
    # anyone forge the address that lockout and the audit log rely on.
    for port in compose["services"]["web"]["ports"]:
        assert str(port).startswith("${WEB_BIND:-127.0.0.1}:"), port


def test_every_compose_command_exists_in_the_project(compose):
    import importlib

    for name, service in compose["services"].items():
        command = service.get("command")
        if service.get("image", "").startswith(("postgres", "redis")):
            continue
        program, *args = command
        if program == "gunicorn":
            module, attribute = args[0].split(":")
            assert callable(getattr(importlib.import_module(module), attribute)), name
        elif program == "celery":
            app = importlib.import_module(args[args.index("-A") + 1]).celery_app
            assert args[args.index("-A") + 2] in {"worker", "beat"}, name
            assert app.main == "socialwork"
        elif program == "python":
            assert args[0] == "manage.py" and (BASE_DIR / "manage.py").exists()
            from django.core.management import get_commands

            assert args[1] in get_commands(), name
        else:
            pytest.fail(f"{name}: unknown program {program}")


def test_every_setting_read_from_the_environment_is_documented():
    documented = set(
        re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (BASE_DIR / ".env.example").read_text(), re.M)
    )
    read = set()
    for module in ("socialwork/settings.py", "socialwork/embedded.py", "socialwork/dev.py"):
        text = (BASE_DIR / module).read_text()
        read |= set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]+)\"", text))
        read |= set(re.findall(r"environ(?:\.get)?\(\s*\"([A-Z][A-Z0-9_]+)\"", text))
    read -= {"DJANGO_SETTINGS_MODULE", "XDG_RUNTIME_DIR"}
    assert read <= documented, f"document in .env.example: {sorted(read - documented)}"


def test_the_access_log_has_no_line_for_the_clients_anonymous_pages(db, compose, tmp_path):
    """gunicorn as docker-compose runs it: a staff page is logged, the tablet, the survey
    link and the session-code pages are not (time, address and browser would place an
    answer next to the slip sent after it)."""
    import contextlib
    import socket
    import time
    import urllib.request

    command = compose["services"]["web"]["command"]
    config = next(arg for arg in command if arg.startswith("--config="))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "gunicorn.log"
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}} | {
        "SOCIALWORK_TESTING": "0",
        "DEBUG": "1",
        "DATABASE_URL": database_url(),
    }
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "socialwork.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
                config,
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            paths = ["/accounts/login/", "/kiosk/", "/s/abcdefghij/", "/e/", "/healthz"]
            for attempt in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                    break
                except OSError:
                    time.sleep(0.1 * (attempt < 99))
            for path in paths:
                # A 404 or 403 is logged (or not) all the same.
                with contextlib.suppress(urllib.error.HTTPError):
                    urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
            time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(timeout=20)
    text = log.read_text()
    assert '"GET /accounts/login/' in text, text
    for private in ("/kiosk/", "/s/abcdefghij/", "/e/"):
        assert f'"GET {private}' not in text, text


def test_the_application_runs_as_a_role_that_does_not_own_the_audit_log(compose):
    app = compose["services"]["web"]["environment"]["DATABASE_URL"]
    migrate = compose["services"]["migrate"]["environment"]
    assert app.startswith("postgres://socialwork_app:")
    assert migrate["DATABASE_URL"].startswith("postgres://socialwork:")
    assert migrate["DATABASE_APP_ROLE"] == "socialwork_app"
    for name in ("worker", "beat"):
        assert compose["services"][name]["environment"]["DATABASE_URL"] == app
    init = BASE_DIR / "deploy/postgres-init/10-application-role.sh"
    assert "CREATE ROLE socialwork_app LOGIN" in init.read_text()
    assert (
        "./deploy/postgres-init:/docker-entrypoint-initdb.d:ro"
        in (compose["services"]["postgres"]["volumes"])
    )
