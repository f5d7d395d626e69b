"""The annual reports for decision makers: asked for on their page, made in a worker, read
back with pdftotext. The same figures and hidden cells as the dashboards, in the language
asked for, for the units the asker may see. Each test sets its own "now"."""

import datetime as dt
import subprocess

import pytest
import time_machine
from django.urls import reverse

from socialwork.core.schedules import HELSINKI
from socialwork.documents.models import Document
from socialwork.documents.services import document_render
from tests.reporting.test_dashboards import run_with
from tests.reporting.test_reports import pdf_text
from tests.utils import pdf_words

NOW = dt.datetime(2028, 2, 10, 10, tzinfo=HELSINKI)
IN_2027 = dt.datetime(2027, 5, 3, 9, tzinfo=HELSINKI)


def ask(client, **choices):
    return client.post(reverse("reporting:annual"), choices)


def made(client, report: str, year: int = 2027) -> tuple[Document, str]:
    document = Document.objects.filter(kind="reporting.annual").latest("requested_at")
    assert document.object_id.startswith(f"{report}:{year}:")
    if not document.is_ready:  # the suite's Celery runs tasks on commit; once more if not
        document_render(document_id=document.pk)
        document.refresh_from_db()
    assert document.is_ready, document.error
    download = client.get(reverse("reporting:report_file", kwargs={"pk": document.pk}))
    assert download["Content-Type"] == "application/pdf"
    info = subprocess.run(["pdfinfo", "-"], input=download.content, capture_output=True)
    assert "Tagged:          yes" in info.stdout.decode()
    return document, pdf_text(download.content)


def council_year(world):
    from councils.models import Council, Meeting, Proposal

    council = Council.objects.create(name="Koivulan asiakasraati", responsible=world.counsellor)
    council.units.add(world.unit)
    elsewhere = Council.objects.create(name="Rantakylän raati", responsible=world.counsellor)
    elsewhere.units.add(world.other_unit)
    for day, cancelled in ((2, None), (3, None), (4, IN_2027)):
        start = dt.datetime(2027, day, 10, 13, tzinfo=HELSINKI)
        Meeting.objects.create(
            council=council,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            cancelled_at=cancelled,
        )
    for council_, title, outcome in (
        (council, "Odotustilaan lisää tuoleja", Proposal.Outcome.CHANGED),
        (elsewhere, "Rantakylän aukioloajat", ""),
    ):
        Proposal.objects.create(
            council=council_,
            title=title,
            text="Perustelut.",
            recipient_kind=Proposal.Recipient.MANAGER,
            recipient_user=world.management,
            responsible=world.counsellor,
            status=Proposal.Status.CLOSED if outcome else Proposal.Status.SENT,
            sent_at=IN_2027,
            answered_on=dt.date(2027, 5, 20) if outcome else None,
            outcome=outcome,
            outcome_reason="Tuolit hankittiin." if outcome else "",
        )


@pytest.mark.django_db(transaction=True)
def test_management_reads_the_impact_report_in_swedish_with_every_part(world, login):
    with time_machine.travel(IN_2027, tick=False):
        run_with(world, world.unit, world.counsellor, completed=4, left=2)
    with time_machine.travel(NOW, tick=False):
        council_year(world)
        client = login(world.management)
        page = client.get(reverse("reporting:annual"))
        assert page.status_code == 200
        assert "Vaikuttavuusraportti päättäjille" in page.text
        response = ask(client, report="impact", year=2027, language="sv")
        assert response.status_code == 302 and response["Location"].endswith("#reports")
        ask(client, report="impact", year=2027, language="sv")  # a double click: one PDF
        assert Document.objects.filter(kind="reporting.annual").count() == 1
        document, text = made(client, "impact")
        assert document.object_id == "impact:2027:-:sv"
        # The whole organisation's year, every part in Swedish.
        assert "Effektrapport för beslutsfattare" in text and "Hela organisationen" in text
        for part in ("Grupper", "Påminnelser", "Respons", "Klientråd", "Erfarenhetsexperter"):
            assert part in text
        # Both councils' years in a row each (what each sent is in the councils' own
        # report); the hidden group figure hidden as on the page.
        assert "Koivulan asiakasraati" in text and "Rantakylän raati" in text
        assert "Odotustilaan lisää tuoleja" not in text
        completed = next(line for line in text.splitlines() if "Gick gruppen till slut" in line)
        assert "dold" in completed
        listed = client.get(reverse("reporting:annual"))
        assert reverse("reporting:report_file", kwargs={"pk": document.pk}) in listed.text
        assert "(svenska)" in listed.text


@pytest.mark.django_db(transaction=True)
def test_a_supervisors_council_summary_covers_their_units_alone(world, login):
    with time_machine.travel(NOW, tick=False):
        council_year(world)
        client = login(world.supervisor)
        # Another unit's figures are not theirs to ask for: a message, and nothing made.
        refused = ask(client, report="councils", year=2027, unit=world.other_unit.pk, language="fi")
        assert refused.status_code == 400 and "Valitse uudelleen" in refused.text
        assert ask(client, report="x", year=2027, language="fi").status_code == 400
        assert ask(client, report="councils", year="ei", language="fi").status_code == 400
        assert not Document.objects.filter(kind="reporting.annual").exists()
        ask(client, report="councils", year=2027, language="fi")
        document, text = made(client, "councils")
        assert "Asiakasraadit: vuoden yhteenveto" in text
        assert "Koivulan asiakasraati" in text and "Rantakylän" not in text
        # Two meetings held and one cancelled; the proposal with its answer and outcome.
        row = next(line for line in text.splitlines() if line.startswith("Koivulan asiakasraati"))
        assert row.split()[-3:] == ["2", "1", "1"]
        # The title and the outcome may wrap in their cells (how wide the columns are depends
        # on the names around them): read in order, not by the layout.
        words = pdf_words(bytes(document.file))
        assert "Odotustilaan lisää tuoleja" in words and "Tuolit hankittiin." in words
        assert "20.5.2027" in text


@pytest.mark.django_db(transaction=True)
def test_the_survey_report_compares_years_and_hides_what_few_answered(world, login, settings):
    from feedback.models import Instrument
    from tests.feedback.test_results import give

    settings.SOCIALWORK_RESULTS_DELAY_HOURS = 0
    survey = Instrument.objects.get(code="survey")
    with time_machine.travel(NOW, tick=False):
        for value in (4, 4, 5, 5, 3, 4):
            give(
                survey,
                unit=world.unit,
                answers={"q1": value, "free_text": "Kiitos Annelle avusta"},
                when=IN_2027,
            )
        for value in (2, 3):  # the year before: two answers, hidden
            give(survey, unit=world.unit, answers={"q1": value}, when=IN_2027.replace(year=2026))
        client = login(world.supervisor)
        ask(client, report="survey", year=2027, language="fi")
        _document, text = made(client, "survey")
        assert "Asiakastyytyväisyyskysely: vuoden raportti" in text
        assert "Koivulan sosiaaliasema" in text
        row = next(line for line in text.splitlines() if "Aukioloajat ovat riittävät" in line)
        assert "6 vastausta" in row and "piilotettu" in row
        assert "4,2 / 5" in text  # the mean of 2027's six, in the Finnish way
        # A report for decision makers quotes no client.
        assert "Kiitos Annelle" not in text


@pytest.mark.django_db(transaction=True)
def test_the_expert_summary_has_the_fees_by_who_pays(world, login):
    from experts import services
    from tests.experts.helpers import booked, on_roster, order

    with time_machine.travel(dt.datetime(2027, 4, 1, 9, tzinfo=HELSINKI), tick=False):
        pirjo = on_roster(world, "Pirjo Lehtonen")
        booking = booked(world, order(world, dt.datetime(2027, 5, 10, 12, tzinfo=HELSINKI)), pirjo)
        services.fee_set(actor=world.expert_coordinator, booking=booking, amount="80")
    with time_machine.travel(NOW, tick=False):
        client = login(world.management)
        ask(client, report="experts", year=2027, language="fi")
        _document, text = made(client, "experts")
        fees = next(line for line in text.splitlines() if line.strip().startswith("Palkkiot "))
        assert "80,00 €" in fees
        # Totals only: no expert is named in a summary.
        assert "Pirjo" not in text
