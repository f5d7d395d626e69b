"""Backup and restore, as the README tells the administrator to do them: `pg_dump` of a
populated database in the custom format, `pg_restore` into an empty database, and the
product run on the restored copy: every table has the same rows, the generated PDFs are
there (they live in the database), and the dashboards show the same figures."""

import datetime as dt
import os
import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from groups.models import Attendance
from groups.services import figures_refresh
from socialwork.audit.models import AuditEvent
from socialwork.core.schedules import HELSINKI
from socialwork.documents.models import Document
from tests.factories.documents import DocumentFactory
from tests.factories.groups import EnrolmentFactory, make_run
from tests.factories.people import ClientFactory
from tests.utils import verified_login

pytestmark = pytest.mark.django_db(transaction=True)

NOW = dt.datetime(2027, 6, 15, 10, tzinfo=HELSINKI)


def pg_tool(name: str) -> str:
    """The PostgreSQL client program `name` for this server: the embedded server's own, or
    the system's; pg_dump refuses a server newer than itself."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        server_major = int(cursor.fetchone()[0]) // 10000
    candidates = []
    try:
        import pgserver

        candidates.append(Path(pgserver.__file__).parent / "pginstall" / "bin" / name)
    except ImportError:
        pass
    if shutil.which(name):
        candidates.append(Path(shutil.which(name)))
    found = []
    for program in candidates:
        if not program.exists():
            continue
        version = subprocess.run([program, "--version"], capture_output=True, text=True)
        major = int(re.search(r"\) (\d+)", version.stdout).group(1))
        if major >= server_major:
            found.append((major, str(program)))
    if not found:
        pytest.fail(f"no {name} for PostgreSQL {server_major} (tried {candidates})")
    # The closest version: a newer pg_dump writes settings an older server does not know.
    return min(found)[1]


def pg_env() -> dict:
    db = connection.settings_dict
    env = {**os.environ}
    for key, value in (
        ("PGHOST", db["HOST"]),
        ("PGPORT", str(db["PORT"] or "")),
        ("PGUSER", db["USER"]),
        ("PGPASSWORD", db["PASSWORD"]),
    ):
        if value:
            env[key] = value
    return env


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def page(browser, url) -> str:
    """A page as it reads: without the per-response CSRF token, CSP nonce and the charts'
    element ids (numbered as drawn in this process)."""
    cache.clear()  # the figures are read from the database, not from a kept fragment
    response = browser.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    text = re.sub(r"chart-\d+-", "chart-", text)
    return re.sub(r'nonce="[^"]+"', "", text)


def test_a_dump_restored_into_an_empty_database_runs_with_the_same_rows_and_figures(
    world, client, tmp_path
):
    with time_machine.travel(NOW, tick=False):
        for unit, facilitator in ((world.unit, world.counsellor), (world.other_unit, None)):
            run = make_run(
                unit=unit,
                facilitators=[facilitator or world.other_counsellor],
                starts_on=dt.date(2027, 3, 1),
            )
            for n in range(7):
                enrolment = EnrolmentFactory(run=run, client=ClientFactory(unit=unit))
                for session in run.sessions.filter(starts_at__lt=NOW)[:4]:
                    Attendance.objects.create(
                        session=session,
                        enrolment=enrolment,
                        status=Attendance.Status.PRESENT if n % 3 else Attendance.Status.ABSENT,
                    )
        figures_refresh()
        pdf = DocumentFactory(file=b"%PDF-1.7 a made report", size=22)
        browser = verified_login(client, world.management)
        pages = [reverse("reporting:dashboard", args=["groups"]), reverse("reporting:home")]
        before_pages = [page(browser, url) for url in pages]
        before_rows = row_counts()
        assert before_rows["groups.Attendance"] > 20

        dump = tmp_path / "socialwork.dump"
        source = connection.settings_dict["NAME"]
        subprocess.run(
            [pg_tool("pg_dump"), "--format=custom", f"--file={dump}", source],
            env=pg_env(),
            check=True,
            capture_output=True,
        )
        restored = f"{source}_restored"
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored}"')
            cursor.execute(f'CREATE DATABASE "{restored}"')
        try:
            result = subprocess.run(
                [
                    pg_tool("pg_restore"),
                    "--no-owner",
                    "--exit-on-error",
                    f"--dbname={restored}",
                    str(dump),
                ],
                env=pg_env(),
                capture_output=True,
                text=True,
            )
            assert result.returncode == 0, result.stderr
            connections.close_all()
            connection.settings_dict["NAME"] = restored
            try:
                assert row_counts() == before_rows
                assert bytes(Document.objects.get(pk=pdf.pk).file) == b"%PDF-1.7 a made report"
                # The product runs on the copy: the same session, the same figures.
                assert [page(browser, url) for url in pages] == before_pages
                # And it writes: a view is logged, and the audit log's hash chain goes on
                # unbroken from the restored rows.
                counsellor = verified_login(Client(), world.counsellor)
                counsellor.get(reverse("people:client_detail", args=[world.client.pk]))
                assert AuditEvent.objects.count() > before_rows["audit.AuditEvent"]
                assert AuditEvent.objects.filter(
                    action="view", object_type="people.client", object_id=str(world.client.pk)
                ).exists()
                out = StringIO()
                call_command("audit_verify", stdout=out)
                assert "chain unbroken" in out.getvalue()
            finally:
                connections.close_all()
                connection.settings_dict["NAME"] = source
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
