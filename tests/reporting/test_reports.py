"""A dashboard as a PDF: asked for from the page, made in a worker with the same figures
and hidden cells as the page, read back with pdftotext, for the one who asked alone, and
its file gone after the keeping time. Each test sets its own "now"."""

import datetime as dt
import subprocess

import pytest
import time_machine
from django.urls import reverse

from reporting import services
from socialwork.core.schedules import HELSINKI
from socialwork.documents.models import Document
from socialwork.documents.services import document_render
from tests.reporting.test_dashboards import run_with
from tests.utils import pdf_text

NOW = dt.datetime(2027, 6, 15, 10, tzinfo=HELSINKI)


@pytest.mark.django_db(transaction=True)
def test_a_supervisor_asks_for_the_pdf_and_reads_the_same_figures(world, login):
    with time_machine.travel(NOW, tick=False):
        run_with(world, world.unit, world.counsellor, completed=4, left=2)
        client = login(world.supervisor)
        url = reverse("reporting:report_request", kwargs={"section": "groups"})
        response = client.post(url, {"year": 2027})
        assert response.status_code == 302 and response["Location"].endswith("#reports")
        # Asked twice (a double click) while it is being made: one document.
        client.post(url, {"year": 2027})
        document = Document.objects.get(kind="reporting.dashboard")
        # The suite's Celery runs tasks at once, on commit: it is made already.
        document.refresh_from_db()
        if not document.is_ready:
            document_render(document_id=document.pk)
            document.refresh_from_db()
        assert document.is_ready, document.error
        page = client.get(reverse("reporting:dashboard", kwargs={"section": "groups"}))
        assert reverse("reporting:report_file", kwargs={"pk": document.pk}) in page.text
        download = client.get(reverse("reporting:report_file", kwargs={"pk": document.pk}))
        assert download["Content-Type"] == "application/pdf"
        text = pdf_text(download.content)
        assert "Ryhmät" in text and "Koivulan sosiaaliasema" in text
        assert "Aloittaneet osallistujat" in text
        # 4 completed and 2 left: hidden in the PDF as on the page.
        completed = next(line for line in text.splitlines() if "Kävivät ryhmän loppuun" in line)
        assert "piilotettu" in completed
        info = subprocess.run(["pdfinfo", "-"], input=download.content, capture_output=True)
        assert "Tagged:          yes" in info.stdout.decode()
        # Nobody else gets it: not management, not the counsellor.
        assert login(world.management).get(download.request["PATH_INFO"]).status_code == 404
        assert login(world.counsellor).get(download.request["PATH_INFO"]).status_code == 403


@pytest.mark.django_db
def test_bad_choices_make_no_pdf_and_old_files_go(world, login):
    with time_machine.travel(NOW, tick=False):
        client = login(world.supervisor)
        url = reverse("reporting:report_request", kwargs={"section": "groups"})
        client.post(url, {"year": "ei", "unit": world.other_unit.pk})
        assert not Document.objects.filter(kind="reporting.dashboard").exists()
        assert (
            client.post(reverse("reporting:report_request", kwargs={"section": "x"})).status_code
            == 404
        )
        document = services.report_request(
            actor=world.supervisor,
            section="groups",
            year=2027,
            unit_id=None,
            programme_id=None,
            language="fi",
        )
        Document.objects.filter(pk=document.pk).update(
            status=Document.Status.READY, file=b"%PDF", finished_at=NOW
        )
    with time_machine.travel(NOW + dt.timedelta(days=6), tick=False):
        assert services.reports_discard_old() == 0
    with time_machine.travel(NOW + dt.timedelta(days=8), tick=False):
        assert services.reports_discard_old() == 1
        document.refresh_from_db()
        assert document.status == Document.Status.DISCARDED and document.file is None


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_spreadsheet_has_typed_numbers_and_the_same_hidden_figures(world, login):
    import csv
    import io

    import openpyxl

    run_with(world, world.unit, world.counsellor, completed=4, left=2)
    client = login(world.supervisor)
    url = reverse("reporting:export", kwargs={"section": "groups", "fmt": "xlsx"})
    response = client.get(url, {"year": 2027})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    started = rows["Aloittaneet osallistujat"]
    assert started[1] == "lukumäärä" and started[2] == 6 and isinstance(started[2], int | float)
    assert started[4 + 2] == 6  # March 2027
    assert rows["Kävivät ryhmän loppuun"][2] == "piilotettu"
    as_csv = client.get(
        reverse("reporting:export", kwargs={"section": "groups", "fmt": "csv"}), {"year": 2027}
    )
    lines = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[[line[0] for line in lines].index("Kävivät ryhmän loppuun")][:3] == [
        "Kävivät ryhmän loppuun",
        "lukumäärä",
        "piilotettu",
    ]
    nowhere = reverse("reporting:export", kwargs={"section": "groups", "fmt": "pdf"})
    assert client.get(nowhere).status_code == 404
    assert login(world.counsellor).get(url).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_a_group_run_report_counts_and_names_no_participant(world, login):
    from groups.models import Attendance, FinalEvaluation

    with time_machine.travel(NOW, tick=False):
        run = run_with(world, world.unit, world.counsellor, completed=5, left=1)
        first = run.sessions.order_by("starts_at").first()
        for n, enrolment in enumerate(run.enrolments.all()):
            Attendance.objects.create(
                session=first, enrolment=enrolment, status="present" if n < 4 else "absent"
            )
        FinalEvaluation.objects.create(
            run=run,
            held_on=dt.date(2027, 5, 20),
            participants="Matti ja Maija",
            what_worked="Yhteiset retket toimivat.",
        )
        client = login(world.supervisor)
        url = reverse("reporting:run_report", kwargs={"pk": run.pk})
        assert client.get(url).status_code == 200
        client.post(url)
        document = Document.objects.get(kind="reporting.run")
        document.refresh_from_db()
        if not document.is_ready:
            document_render(document_id=document.pk)
            document.refresh_from_db()
        assert document.is_ready, document.error
        page = client.get(url)
        link = reverse("reporting:report_file", kwargs={"pk": document.pk})
        assert link in page.text
        # The dashboard lists its own PDFs only; a run report does not break it.
        dashboard = client.get(reverse("reporting:home"))
        assert dashboard.status_code == 200 and link not in dashboard.text
        text = pdf_text(client.get(link).content)
        assert run.name in text and "Yhteiset retket toimivat." in text
        # Counts, not people: who took part in the final evaluation stays out (the whole
        # line: a made-up facilitator may well be called Mattila).
        assert "Matti ja Maija" not in text
        assert not any(e.client.last_name in text for e in run.enrolments.all())
        attendance_row = next(
            line for line in text.splitlines() if line.strip().startswith("1.3.2027 ")
        )
        assert attendance_row.split()[-2:] == ["4", "6"]
        # Another unit's supervisor does not see the group.
        assert login(world.management).get(url).status_code == 403
