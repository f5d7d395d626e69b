"""The client's copy of their data (GDPR Art. 15): everything the product holds on one client,
as a PDF to read and the same in JSON, made by the unit's supervisor in the client's
language; only its asker downloads it, giving it is in the disclosure log, and the files go
after a few days."""

import json
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import Attendance as CouncilAttendance
from councils.models import Candidate, Council, Interview, Meeting, Membership
from experts.models import (
    CV,
    Booking,
    DiaryEntry,
    Expert,
    Gathering,
    GatheringAttendance,
    Order,
    Training,
)
from experts.models import Interview as ExpertInterview
from groups.models import EvaluationAnswer, EvaluationQuestion, PersonalGoal, SessionEvaluation
from socialwork.audit.models import AuditEvent
from socialwork.core.retention import retention_run
from socialwork.core.schedules import HELSINKI
from socialwork.documents.models import Document
from socialwork.people.data_export import client_data, client_data_sections
from socialwork.people.models import Consent
from tests.factories import ClientFactory, ConsentFactory
from tests.factories.groups import AttendanceFactory, EnrolmentFactory, make_run
from tests.factories.messaging import MessageFactory
from tests.utils import pdf_words

pytestmark = pytest.mark.django_db(transaction=True)

NOW = datetime(2027, 4, 20, 10, 0, tzinfo=HELSINKI)
MEETING = datetime(2027, 3, 9, 13, 0, tzinfo=HELSINKI)


def everything_about(world, person):
    """A record of every kind the product holds on a client, each with words to find."""
    unit, counsellor = world.unit, world.counsellor
    person.street_address, person.postal_code, person.post_office = "Kuusitie 4", "33100", "Tre"
    person.save()
    ConsentFactory(client=person, recorded_by=counsellor, kind=Consent.Kind.PHOTO, details="Ei")

    run = make_run(unit=unit, facilitators=[counsellor], name="Solmut auki, kevät")
    enrolment = EnrolmentFactory(
        run=run, client=person, meal_notes="Kasvisruoka, ei sipulia", bus_ticket=True
    )
    session = run.sessions.order_by("starts_at").first()
    AttendanceFactory(enrolment=enrolment, session=session, status="excused")
    PersonalGoal.objects.create(enrolment=enrolment, text="Käyn kaupassa yksin")
    evaluation = SessionEvaluation.objects.create(
        session=session, enrolment=enrolment, channel="facilitator"
    )
    question = EvaluationQuestion.objects.filter(kind=EvaluationQuestion.Kind.TEXT).first()
    EvaluationAnswer.objects.create(
        evaluation=evaluation, question=question, text="Kahvi oli hyvää tänään"
    )

    council = Council.objects.create(name="Koivulan asiakasraati", responsible=counsellor)
    council.units.add(unit)
    membership = Membership.objects.create(
        council=council, client=person, starts_on=date(2027, 1, 1)
    )
    meeting = Meeting.objects.create(
        council=council, starts_at=MEETING, ends_at=MEETING + timedelta(hours=2)
    )
    CouncilAttendance.objects.create(
        meeting=meeting, membership=membership, status="present", bus_fare=Decimal("5.80")
    )
    candidate = Candidate.objects.create(
        council=council, client=person, source="own_worker", stage_changed_at=NOW
    )
    Interview.objects.create(
        candidate=candidate, held_on=date(2026, 12, 1), expectations="Haluan tulla kuulluksi"
    )

    expert = Expert.objects.create(
        client=person,
        status="active",
        employment="salaried",
        availability="Tiistaisin aamupäivät",
        payroll_reference="T00042",
    )
    ExpertInterview.objects.create(
        expert=expert, held_on=date(2026, 11, 2), readiness="Valmis keväällä"
    )
    Training.objects.create(expert=expert, provider="Kokemus ry", year=2026, completed=True)
    CV.objects.create(
        expert=expert,
        version=1,
        name="Pirjo L.",
        motto="Toivoa on aina",
        experience={"debt_counselling": "Velkajärjestely kahdesti"},
        languages=["fi", "sv"],
    )
    talk = Order.objects.create(
        assignment_type="talk",
        starts_at=MEETING,
        ends_at=MEETING + timedelta(hours=2),
        topic="Asiakkaan silmin",
        unit=unit,
    )
    Booking.objects.create(
        order=talk,
        expert=expert,
        status="confirmed",
        asked_at=MEETING - timedelta(days=5),
        during=(MEETING, MEETING + timedelta(hours=2)),
        fee=Decimal("80.00"),
    )
    gathering = Gathering.objects.create(
        starts_at=MEETING, ends_at=MEETING + timedelta(hours=2), led_by="Aino"
    )
    GatheringAttendance.objects.create(gathering=gathering, expert=expert, present=True)
    DiaryEntry.objects.create(
        expert=expert, day=date(2027, 3, 1), channel="phone", topic="kela", note="Kelan lomake"
    )
    Order.objects.create(
        assignment_type="client_meeting",
        starts_at=MEETING,
        ends_at=MEETING + timedelta(hours=1),
        topic="Asiakastapaaminen",
        unit=unit,
        client=person,
        goal="Tuki velkaneuvontaan hakemiseen",
    )
    MessageFactory(client=person, text="Muistutus: Solmut auki huomenna klo 10.")


def ask(browser, person, language="fi"):
    return browser.post(reverse("people:data_export", args=[person.pk]), {"language": language})


def files(browser, person) -> tuple[str, dict]:
    """The newest copy's PDF text and JSON, downloaded as the asker."""
    user = browser.session["_auth_user_id"]
    pdf = Document.objects.filter(kind="people.data_export", requested_by=user).latest("id")
    data = Document.objects.get(
        kind="people.data_export_json", object_id__endswith=f":{pdf.pk}", requested_by=user
    )
    assert pdf.is_ready and data.is_ready  # made by the task (eager in the tests)
    pdf_response = browser.get(reverse("people:data_export_file", args=[person.pk, pdf.pk]))
    json_response = browser.get(reverse("people:data_export_file", args=[person.pk, data.pk]))
    assert pdf_response["Content-Type"] == "application/pdf"
    assert json_response["Content-Type"] == "application/json"
    assert json_response["Content-Disposition"].endswith('.json"')
    return pdf_words(pdf_response.content), json.loads(json_response.content)


def section(data: dict, key: str) -> dict:
    [found] = [s for s in data["sections"] if s["key"] == key]
    return found


def test_the_copy_holds_every_kind_of_record_on_the_client_and_nobody_elses(world, login):
    with time_machine.travel(NOW, tick=False):
        everything_about(world, world.client)
        # Someone else in the same group and council: not in this client's copy.
        everything_about(world, ClientFactory(unit=world.unit, first_name="Toinen"))
        browser = login(world.supervisor)
        page = browser.get(reverse("people:data_export", args=[world.client.pk]))
        assert page.context["form"].initial["language"] == "fi"
        assert ask(browser, world.client).status_code == 302
        text, data = files(browser, world.client)

    # Every registered section has the client's record in it: a new kind of record that an
    # app registers is in this test's reach at once.
    registered = {s.key for s in client_data_sections()}
    assert {s["key"] for s in data["sections"]} == registered
    for s in data["sections"]:
        assert len(s["records"]) == 1, (s["key"], s["records"])
        assert set(s["records"][0]) == set(s["fields"]), s["key"]

    assert data["format"] == "socialwork-client-data/1"
    assert data["client"] == {"id": world.client.pk, "name": world.client.full_name}
    # Values as stored: codes, exact sums, Helsinki times with their offset.
    assert section(data, "groups.attendance")["records"][0]["status"] == "excused"
    assert section(data, "councils.attendance")["records"][0]["bus_fare"] == "5.80"
    assert section(data, "councils.attendance")["records"][0]["meeting_starts_at"] == (
        "2027-03-09T13:00:00+02:00"
    )
    assert section(data, "experts.cvs")["records"][0]["languages"] == ["fi", "sv"]
    assert section(data, "groups.enrolments")["fields"]["meal_notes"] == "Ruokailutiedot"
    assert section(data, "groups.enrolments")["records"][0]["bus_ticket"] is True
    assert "Toinen" not in json.dumps(data, ensure_ascii=False)

    for words in (
        "Sinusta tallennetut tiedot",
        world.client.full_name,
        "Kuusitie 4",
        "Kasvisruoka, ei sipulia",
        "Poissa, ilmoittanut",  # the attendance's label, not its code
        "Käyn kaupassa yksin",
        "Kahvi oli hyvää tänään",
        "Koivulan asiakasraati",
        "9.3.2027 13.00",
        "5,80",
        "Haluan tulla kuulluksi",
        "Tiistaisin aamupäivät",
        "Valmis keväällä",
        "Kokemus ry",
        "Toivoa on aina",
        "Velkajärjestely kahdesti",
        "Asiakkaan silmin",
        "Kelan lomake",
        "Tuki velkaneuvontaan hakemiseen",
        "Muistutus: Solmut auki huomenna klo 10.",
        "Kuinka kauan tietojasi säilytetään",
        "tietosuojavaltuutetulle",
    ):
        assert words in text, (words, text)
    assert "Toinen" not in text


def test_the_copy_is_in_the_chosen_language(world, login):
    world.client.preferred_language = "sv"
    world.client.save()
    with time_machine.travel(NOW, tick=False):
        everything_about(world, world.client)
        browser = login(world.supervisor)
        page = browser.get(reverse("people:data_export", args=[world.client.pk]))
        assert page.context["form"].initial["language"] == "sv"
        ask(browser, world.client, language="sv")
        text, data = files(browser, world.client)
    assert "Uppgifter som sparats om dig" in text
    assert "Frånvarande, meddelat" in text
    assert data["language"] == "sv"
    assert section(data, "groups.enrolments")["title"] == "Grupper"


def test_giving_the_copy_is_a_disclosure_once_and_in_the_next_copy(world, login):
    with time_machine.travel(NOW, tick=False):
        browser = login(world.supervisor)
        ask(browser, world.client)
        ask(browser, world.client)  # a double click
        assert Document.objects.filter(kind="people.data_export").count() == 1
        assert Document.objects.filter(kind="people.data_export_json").count() == 1
        [given] = AuditEvent.objects.filter(action=AuditEvent.Action.DISCLOSE)
        assert (given.actor, given.object_id, given.changed_fields) == (
            world.supervisor,
            str(world.client.pk),
            ["data_export"],
        )
    with time_machine.travel(NOW + timedelta(days=2), tick=False):
        browser = login(world.supervisor)
        ask(browser, world.client)
        text, data = files(browser, world.client)
    # The earlier copy, and this one: it was given when asked for.
    earlier, this = section(data, "audit.disclosures")["records"]
    assert earlier["at"] == "2027-04-20T10:00:00+03:00"
    assert this["at"] == "2027-04-22T10:00:00+03:00"
    assert "asiakkaalle" in earlier["recipient"]
    assert "kopio kaikista asiakkaasta tallennetuista tiedoista" in text


def test_only_the_units_supervisor_makes_it_and_only_its_asker_downloads_it(world, login):
    with time_machine.travel(NOW, tick=False):
        supervisor = login(world.supervisor)
        ask(supervisor, world.client)
        document = Document.objects.get(kind="people.data_export")
        url = reverse("people:data_export_file", args=[world.client.pk, document.pk])
        page = reverse("people:data_export", args=[world.client.pk])
        assert supervisor.get(url).status_code == 200

        # The client's own worker sees the client but does not make the copy.
        counsellor = login(world.counsellor)
        assert counsellor.get(page).status_code == 403
        assert ask(counsellor, world.client).status_code == 403
        assert counsellor.get(url).status_code == 403
        detail = counsellor.get(reverse("people:client_detail", args=[world.client.pk]))
        assert page not in detail.content.decode()
        # Not seeing the client at all: as if there were none.
        assert login(world.social_worker).get(url).status_code == 404
        assert login(world.other_counsellor).get(page).status_code == 404
        assert login(world.expert_coordinator).get(page).status_code == 403
        anonymous = login(None).get(url)
        assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    assert Document.objects.count() == 2  # the PDF and the JSON of the first ask


def test_a_language_that_is_not_offered_gets_a_message_and_makes_nothing(world, login):
    with time_machine.travel(NOW, tick=False):
        browser = login(world.supervisor)
        response = ask(browser, world.client, language="xx")
        assert response.status_code == 200
        assert "Valitse oikea vaihtoehto" in response.content.decode()
    assert not Document.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DISCLOSE).exists()


def test_the_files_go_after_the_keeping_time_and_the_page_says_so(world, login):
    with time_machine.travel(NOW, tick=False):
        browser = login(world.supervisor)
        ask(browser, world.client)
    with time_machine.travel(NOW + timedelta(days=6), tick=False):
        assert retention_run()["client_copy"] == 0
    with time_machine.travel(NOW + timedelta(days=8), tick=False):
        assert retention_run()["client_copy"] == 2
        assert retention_run()["client_copy"] == 0
        assert not Document.objects.filter(file__isnull=False).exists()
        page = login(world.supervisor).get(reverse("people:data_export", args=[world.client.pk]))
    assert "sen tiedostot on poistettu" in page.content.decode()


def test_the_page_takes_the_same_queries_however_many_copies_were_made(world, login):
    url = reverse("people:data_export", args=[world.client.pk])

    def count(browser) -> int:
        browser.get(url)  # the session's first request does its own bookkeeping
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(url).status_code == 200
        return len(queries)

    with time_machine.travel(NOW, tick=False):
        browser = login(world.supervisor)
        ask(browser, world.client)
        one = count(browser)
    for minutes in range(2, 10, 2):  # past the double-click minute: each a new copy
        with time_machine.travel(NOW + timedelta(minutes=minutes), tick=False):
            ask(browser, world.client)
            assert count(browser) == one
    assert Document.objects.filter(kind="people.data_export").count() == 5


def test_reading_the_copy_takes_the_same_queries_however_many_records(world):
    with time_machine.travel(NOW, tick=False):
        everything_about(world, world.client)

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                client_data(world.client)
            return len(queries)

        one = count()
        # More of every kind that comes in many: attendance, goals, evaluations with their
        # answers, consents and messages.
        enrolment = world.client.enrolments.get()
        question = EvaluationQuestion.objects.filter(kind=EvaluationQuestion.Kind.TEXT).first()
        for session in enrolment.run.sessions.order_by("starts_at")[1:4]:
            AttendanceFactory(enrolment=enrolment, session=session)
            PersonalGoal.objects.create(enrolment=enrolment, text=f"Tavoite {session.pk}")
            evaluation = SessionEvaluation.objects.create(
                session=session, enrolment=enrolment, channel="facilitator"
            )
            EvaluationAnswer.objects.create(evaluation=evaluation, question=question, text="Hyvä")
            ConsentFactory(  # withdrawn ones: one of a kind may be in force
                client=world.client,
                recorded_by=world.counsellor,
                withdrawn_at=NOW,
                withdrawn_by=world.counsellor,
            )
            MessageFactory(client=world.client)
        assert count() == one
