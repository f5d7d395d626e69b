"""The client's access report (Act 703/2023 §11): who has viewed or handled the client's data
in a period, by name and role, as a PDF in the client's language; making it is in the log."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from groups import services as group_services
from socialwork.audit.models import AuditEvent
from socialwork.core.schedules import HELSINKI
from socialwork.documents.models import Document
from tests.factories.groups import make_run
from tests.utils import pdf_words

pytestmark = pytest.mark.django_db(transaction=True)

JANUARY = datetime(2027, 1, 14, 10, 30, tzinfo=HELSINKI)
MARCH = datetime(2027, 3, 2, 13, 5, tzinfo=HELSINKI)
MAY = datetime(2027, 5, 20, 9, 0, tzinfo=HELSINKI)


def report(browser, client, **data):
    return browser.post(reverse("people:access_report", args=[client.pk]), data)


def made(browser, client) -> str:
    document = Document.objects.filter(
        kind="people.access_report", requested_by=browser.session["_auth_user_id"]
    ).latest("id")
    assert document.is_ready  # made by the task (eager in the tests)
    response = browser.get(reverse("people:access_report_file", args=[client.pk, document.pk]))
    assert response["Content-Type"] == "application/pdf"
    return pdf_words(response.content)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fi", ("Kuka on katsonut tai käsitellyt tietojasi", "Sosiaaliohjaaja", "Katsottu")),
        ("sv", ("Vem har sett eller behandlat dina uppgifter", "Socialhandledare", "Visad")),
    ],
)
def test_the_report_lists_who_viewed_and_changed_the_clients_data_in_the_period(
    world, login, language, words
):
    world.client.preferred_language = language
    world.client.save()
    world.counsellor.first_name, world.counsellor.last_name = "Outi", "Ohjaaja"
    world.counsellor.save()
    with time_machine.travel(JANUARY, tick=False):
        # Before the period: not in the report.
        login(world.counsellor).get(reverse("people:client_detail", args=[world.client.pk]))
    with time_machine.travel(MARCH, tick=False):
        run = make_run(unit=world.unit, facilitators=[world.counsellor])
        group_services.enrolment_add(actor=world.counsellor, run=run, client=world.client)
        browser = login(world.counsellor)
        browser.get(reverse("groups:run_detail", args=[run.pk]))  # the client's name shown
        # Another client's page: not in this client's report.
        login(world.supervisor).get(reverse("people:client_detail", args=[world.other_client.pk]))
    with time_machine.travel(MAY, tick=False):
        browser = login(world.supervisor)
        page = browser.get(reverse("people:access_report", args=[world.client.pk]))
        # The client's own language is chosen first.
        assert page.context["form"].initial["language"] == language
        response = report(
            browser, world.client, start="2027-02-01", end="2027-05-31", language=language
        )
        assert response.status_code == 302
        text = made(browser, world.client)

    for word in words:
        assert word in text, (word, text)
    assert "Outi Ohjaaja" in text
    assert "2.3.2027 13.05" in text  # Helsinki time
    assert "14.1.2027" not in text
    assert world.client.full_name in text and world.other_client.full_name not in text
    # The enrolment (a change of the client's group data) and the group page's view.
    enrolment_word = {"fi": "Luotu: Osallistuja", "sv": "Skapad: Deltagare"}[language]
    assert enrolment_word in text


def test_making_the_report_is_in_the_log_and_in_the_next_report(world, login):
    with time_machine.travel(MAY, tick=False):
        browser = login(world.counsellor)
        report(browser, world.client, start="2027-05-01", end="2027-05-31", language="fi")
        # A double click makes one PDF.
        report(browser, world.client, start="2027-05-01", end="2027-05-31", language="fi")
        assert Document.objects.filter(kind="people.access_report").count() == 1
        event = AuditEvent.objects.get(changed_fields=["access_report"])
        assert (event.actor, event.object_id) == (world.counsellor, str(world.client.pk))
        browser = login(world.supervisor)
        report(browser, world.client, start="2027-05-01", end="2027-05-31", language="fi")
        text = made(browser, world.client)
    assert "lokiote tehty" in text


def test_a_period_that_ends_before_it_starts_gets_a_message_and_makes_nothing(world, login):
    with time_machine.travel(MAY, tick=False):
        browser = login(world.counsellor)
        response = report(
            browser, world.client, start="2027-05-31", end="2027-05-01", language="fi"
        )
        assert response.status_code == 200
        assert "Jakso päättyy ennen kuin se alkaa" in response.content.decode()
        response = report(browser, world.client, start="", end="x", language="xx")
        assert response.status_code == 200
    assert not Document.objects.exists()
    assert not AuditEvent.objects.filter(changed_fields=["access_report"]).exists()


def test_only_those_who_see_the_client_make_or_download_it(world, login, client):
    with time_machine.travel(MAY, tick=False):
        browser = login(world.counsellor)
        report(browser, world.client, start="2027-05-01", end="2027-05-31", language="fi")
        document = Document.objects.get(kind="people.access_report")
        file_url = reverse("people:access_report_file", args=[world.client.pk, document.pk])
        assert browser.get(file_url).status_code == 200
        # The supervisor sees the client but did not ask for this one: it is not theirs.
        assert login(world.supervisor).get(file_url).status_code == 404
        # A social worker of the unit who does not work with the client: as if none existed.
        assert login(world.social_worker).get(file_url).status_code == 404
        assert (
            report(
                login(world.social_worker),
                world.client,
                start="2027-05-01",
                end="2027-05-31",
                language="fi",
            ).status_code
            == 404
        )
        assert login(world.expert_coordinator).get(file_url).status_code == 403
        anonymous = login(None).get(file_url)
        assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    assert Document.objects.count() == 1


def test_a_disclosure_shows_what_left_to_whom_and_why(world, login):
    from socialwork.audit.disclosures import disclosed
    from socialwork.messaging.services.letters import LETTERS_PRINTED

    with time_machine.travel(MARCH, tick=False):
        disclosed(actor=world.counsellor, kind=LETTERS_PRINTED, clients=[world.client])
    with time_machine.travel(MAY, tick=False):
        browser = login(world.counsellor)
        report(browser, world.client, start="2027-03-01", end="2027-03-31", language="fi")
        text = made(browser, world.client)
    assert "Luovutettu" in text
    assert "kirjeiden tulostiedosto" in text and "painatukseen ja postiin" in text
    assert "kirjeen lähettämiseksi asiakkaalle" in text
