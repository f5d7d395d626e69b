"""The survey from the web link, paper forms, feedback after a meeting, campaigns and their
printed sheet, contact slips."""

import datetime as dt
import re
import subprocess
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback import selectors, services
from feedback.models import Campaign, ContactSlip, PendingContactSlip, Response, WorkerCode
from socialwork.links.services import link_issue
from tests.feedback.conftest import release_slips
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world, survey, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        return services.campaign_save(
            campaign=Campaign(
                instrument=survey,
                unit=world.unit,
                year=today.year,
                month=today.month,
                theme="Sähköiset palvelut",
                theme_sv="E-tjänster",
                channels=["kiosk", "web", "paper"],
            ),
            actor=world.administrator,
        )


def test_a_client_answers_the_survey_from_the_link_once(client, campaign):
    url = f"/s/{campaign.token}/"
    page = client.get(url)
    html = page.content.decode()
    assert "Aukioloajat ovat riittävät ja minulle sopivat." in html
    assert "Sähköiset palvelut" in html
    # Paper-only words stay on paper.
    assert "(voit jatkaa kääntöpuolelle)" not in html and "(ympyröi)" not in html
    key = page.context["form"].initial["key"]
    data = {"key": key, "q1": "4", "q12": "5", "free_text": "Kiitos avusta"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # the back button and send again
    stored = Response.objects.get()
    assert (stored.channel, stored.campaign, stored.unit) == ("web", campaign, campaign.unit)
    assert stored.answers.count() == 3


def test_the_link_is_easy_to_type_from_paper(client, campaign):
    # No look-alike characters (0/o, 1/l/i) and no hyphen a line break could hide.
    assert re.fullmatch(r"[a-hjkmnp-z2-9]{10}", campaign.token)
    # A phone that capitalises the typed address still finds the survey.
    assert client.get(f"/s/{campaign.token.upper()}/").status_code == 200


def test_the_survey_link_refuses_bad_input_and_stores_nothing(client, campaign):
    client.cookies["django_language"] = "en"
    url = f"/s/{campaign.token}/"
    key = str(uuid.uuid4())
    for data in (
        {"key": key},
        {"key": key, "q1": "9"},
        {"key": key, "bg_birth_year": "1800"},
        {"key": "nope", "q1": "3"},
    ):
        response = client.post(url, data)
        assert response.status_code == 200
        assert "invalid-feedback" in response.content.decode() or "alert-danger" in (
            response.content.decode()
        )
    assert Response.objects.count() == 0
    assert client.get("/s/not-a-real-token/").status_code == 404


def test_a_campaign_of_another_month_is_closed(client, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(year=campaign.year - 1)
    assert client.get(f"/s/{campaign.token}/").status_code == 410
    response = client.post(f"/s/{campaign.token}/", {"key": str(uuid.uuid4()), "q1": "4"})
    assert response.status_code == 410
    assert Response.objects.count() == 0


def test_guessing_survey_links_is_stopped(client, campaign):
    client.cookies["django_language"] = "en"
    assert client.get(f"/s/{campaign.token}/").status_code == 200
    for attempt in range(20):
        assert client.get(f"/s/guess{attempt:05d}/").status_code == 404
    # Even the real link waits now, and its thanks and contact pages too.
    for path in ("", "thanks/", "contact/"):
        page = client.get(f"/s/{campaign.token}/{path}")
        assert page.status_code == 404
        assert "Too many wrong survey links" in page.content.decode()


def test_the_contact_slip_from_the_link_is_kept_apart(client, campaign):
    client.cookies["django_language"] = "en"
    url = f"/s/{campaign.token}/contact/"
    missing = client.post(url, {"name": "Maija", "interest": "expert"})
    assert "Write a phone number or an e-mail address" in missing.content.decode()
    assert ContactSlip.objects.count() == 0
    client.post(url, {"name": "Maija", "phone": "040 1234567", "interest": "expert"})
    assert ContactSlip.objects.count() == 0  # it waits for others (see feedback.models)
    release_slips()
    slip = ContactSlip.objects.get()
    assert (slip.interest, slip.unit) == ("expert", campaign.unit)


def test_the_printed_sheet_carries_the_link_and_its_qr_code(login, world, campaign, tmp_path):
    campaign.refresh_from_db()
    assert campaign.sheet.is_ready  # made by the task (eager in the tests)
    client = login(world.counsellor)
    response = client.get(f"/feedback/campaigns/{campaign.pk}/sheet.pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Asiakastyytyväisyyskysely" in text and "Klientnöjdhetsenkät" in text
    # Finnish above and Swedish below the cut line on one A4, the address on one line each.
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)
    assert text.count(f"/s/{campaign.token}/") == 2
    # Each half has the theme in its own language.
    finnish, swedish = text.split("Klientnöjdhetsenkät")
    assert "Sähköiset palvelut" in finnish and "E-tjänster" in swedish
    assert "Sähköiset palvelut" not in swedish
    listing = client.get("/feedback/campaigns/").content.decode()
    assert f"/feedback/campaigns/{campaign.pk}/sheet.pdf" in listing


def test_staff_type_in_paper_forms_one_after_the_other(login, world, campaign):
    client = login(world.counsellor)
    client.cookies["django_language"] = "en"
    url = f"/feedback/paper/?campaign={campaign.pk}&unit={world.unit.pk}"
    page = client.get(url)
    assert "(circle)" in page.content.decode()  # the words of the printed form
    key = page.context["form"].initial["key"]
    response = client.post(url, {"key": key, "bg_gender": "1", "q5": "2"}, follow=True)
    assert "Saved. Enter the next form." in response.content.decode()
    assert response.context["form"].initial["key"] != key
    client.post(url, {"key": key, "bg_gender": "1", "q5": "2"})
    stored = Response.objects.get()
    assert (stored.channel, stored.campaign, stored.unit) == ("paper", campaign, world.unit)
    bad = client.post(url, {"key": str(uuid.uuid4()), "q5": "7"})
    assert "Select a valid choice" in bad.content.decode()
    assert Response.objects.count() == 1
    # Each form typed in is in the log: who, which campaign and unit, when; once.
    from socialwork.audit.models import AuditEvent

    typed = AuditEvent.objects.filter(
        action="create", object_type="feedback.campaign", changed_fields__contains=["paper_form"]
    )
    assert [(e.actor, e.unit, e.changed_fields) for e in typed] == [
        (world.counsellor, world.unit, ["paper_form"])
    ]


def test_paper_forms_go_only_into_open_campaigns(login, world, survey):
    """Last year's campaign takes no more forms: typing in forms one knows could move its
    figures to reveal the answers already there."""
    today = timezone.localdate()
    closed = Campaign.objects.create(
        instrument=survey,
        unit=world.unit,
        year=today.year - 1,
        month=today.month,
        channels=["paper"],
        link=link_issue(purpose="survey"),
    )
    client = login(world.counsellor)
    client.cookies["django_language"] = "en"
    url = f"/feedback/paper/?campaign={closed.pk}&unit={world.unit.pk}"
    page = client.get(url)
    assert "Select a valid choice" in page.content.decode()
    assert client.post(url, {"key": str(uuid.uuid4()), "q5": "2"}).status_code == 302
    assert Response.objects.count() == 0


def test_open_campaigns_are_those_of_this_month_and_the_fortnight_after(world, survey):
    def made(year, month):
        return Campaign.objects.create(
            instrument=survey,
            unit=world.unit,
            year=year,
            month=month,
            channels=["paper"],
            link=link_issue(purpose="survey"),
        )

    november, december = made(2026, 11), made(2026, 12)
    open_on = {
        day: set(selectors.paper_campaigns_for([world.unit], today=day))
        for day in (dt.date(2026, 12, 14), dt.date(2026, 12, 15), dt.date(2026, 11, 30))
    }
    assert open_on[dt.date(2026, 12, 14)] == {november, december}
    assert open_on[dt.date(2026, 12, 15)] == {december}
    assert open_on[dt.date(2026, 11, 30)] == {november}
    assert not selectors.paper_campaigns_for([world.other_unit], today=dt.date(2026, 12, 14))


def test_paper_forms_go_only_to_the_users_own_units(login, world, campaign):
    client = login(world.other_counsellor)
    client.cookies["django_language"] = "en"
    url = f"/feedback/paper/?campaign={campaign.pk}&unit={world.unit.pk}"
    response = client.post(url, {"key": str(uuid.uuid4()), "q5": "2"})
    assert response.status_code == 302
    assert Response.objects.count() == 0


def test_a_counsellor_records_feedback_after_a_meeting(login, world):
    client = login(world.counsellor)
    client.cookies["django_language"] = "en"
    page = client.get("/feedback/micro/?instrument=oral")
    assert "Did this meeting meet your expectations?" in page.content.decode()
    key = page.context["form"].initial["key"]
    data = {"instrument": "oral", "unit": world.unit.pk, "key": key, "q1": "3", "q3": "Lisää"}
    response = client.post("/feedback/micro/", data, follow=True)
    assert "The feedback has been saved." in response.content.decode()
    client.post("/feedback/micro/", data)
    stored = Response.objects.get()
    code = WorkerCode.objects.get(worker=world.counsellor)
    assert (stored.channel, stored.worker_code, code.colour) == ("oral", code, "")
    other_unit = client.post(
        "/feedback/micro/", data | {"key": str(uuid.uuid4()), "unit": world.other_unit.pk}
    )
    assert "Choose your unit." in other_unit.content.decode()
    assert Response.objects.count() == 1


def test_only_the_coordinator_reads_contact_slips(login, world):
    services.contact_slip_record(
        name="Aino Esimerkki",
        phone="0401111111",
        email="",
        interest="council",
        message="",
        unit_id=world.unit.pk,
    )
    coordinator = login(world.expert_coordinator)
    coordinator.cookies["django_language"] = "en"
    waiting = coordinator.get("/feedback/contacts/").content.decode()
    assert "1 more slip has come in" in waiting and "Aino Esimerkki" not in waiting
    release_slips()
    for persona in ("counsellor", "supervisor", "administrator"):
        assert login(world.persona(persona)).get("/feedback/contacts/").status_code == 403
    coordinator = login(world.expert_coordinator)
    assert "Aino Esimerkki" in coordinator.get("/feedback/contacts/").content.decode()
    supervisor = login(world.supervisor)
    supervisor.cookies["django_language"] = "en"
    home = supervisor.get("/feedback/").content.decode()
    assert "1 client has left contact details" in home and "Aino Esimerkki" not in home


def test_list_pages_take_the_same_queries_however_many_rows(login, world, survey):
    coordinator = login(world.expert_coordinator)
    services.contact_slip_record(
        name="A", phone="1", email="", interest="council", message="", unit_id=world.unit.pk
    )
    release_slips()
    few_slips = count_queries(coordinator, "/feedback/contacts/")
    for n in range(12):
        services.contact_slip_record(
            name=f"N{n}", phone="1", email="", interest="expert", message="", unit_id=None
        )
    release_slips()
    assert count_queries(coordinator, "/feedback/contacts/") == few_slips

    def add(year, month):
        Campaign.objects.create(
            instrument=survey,
            unit=world.unit,
            year=year,
            month=month,
            channels=["web"],
            link=link_issue(purpose="survey"),
        )

    add(2020, 11)
    few_campaigns = count_queries(coordinator, "/feedback/campaigns/")
    for year in range(2010, 2020):
        add(year, 11)
    assert count_queries(coordinator, "/feedback/campaigns/") == few_campaigns


def test_every_contact_slip_shown_is_in_the_audit_log(login, world):
    from socialwork.audit.models import AuditEvent

    slip = services.contact_slip_record(
        name="Aino Esimerkki",
        phone="0401111111",
        email="",
        interest="council",
        message="",
        unit_id=world.unit.pk,
    )
    release_slips()
    login(world.expert_coordinator).get("/feedback/contacts/")
    event = AuditEvent.objects.get(object_type="feedback.contactslip")
    assert (event.actor, event.action, event.object_id) == (
        world.expert_coordinator,
        AuditEvent.Action.VIEW,
        str(slip.pk),
    )


def test_the_survey_in_swedish_names_the_theme_in_swedish(client, campaign):
    client.cookies["django_language"] = "sv"
    page = client.get(f"/s/{campaign.token}/").content.decode()
    assert "E-tjänster" in page and "Sähköiset palvelut" not in page


def test_the_answer_and_the_slip_do_not_carry_one_csrf_token(campaign):
    """The browser's CSRF cookie is renewed after the answer and after the slip, and lasts
    only the browser session: no token joins a client's answer to their name."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    survey = browser.get(f"/s/{campaign.token}/")
    cookie = browser.cookies["csrftoken"]
    assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes
    token = survey.context["csrf_token"]
    key = survey.context["form"].initial["key"]
    answered = browser.post(
        f"/s/{campaign.token}/", {"key": key, "q1": "4", "csrfmiddlewaretoken": token}
    )
    assert answered.status_code == 302 and Response.objects.count() == 1
    after_answer = browser.cookies["csrftoken"].value
    assert after_answer != cookie.value
    contact = browser.get(f"/s/{campaign.token}/contact/")
    sent = browser.post(
        f"/s/{campaign.token}/contact/",
        {
            "name": "Maija",
            "phone": "040 1234567",
            "interest": "expert",
            "csrfmiddlewaretoken": contact.context["csrf_token"],
        },
    )
    assert sent.status_code == 200 and PendingContactSlip.objects.count() == 1
    assert browser.cookies["csrftoken"].value not in (after_answer, cookie.value)


def test_contact_slips_are_searched_by_interest_and_state(login, world):
    from tests.factories.feedback import ContactSlipFactory
    from tests.utils import count_queries

    council = ContactSlipFactory(unit=world.unit, interest="council", name="Aino Neuvosto")
    ContactSlipFactory(unit=world.unit, interest="expert", name="Eero Kokemus")
    handled = ContactSlipFactory(unit=world.unit, interest="council", name="Hilkka Hoidettu")
    services.contact_slip_handle(actor=world.expert_coordinator, slip=handled)
    client = login(world.expert_coordinator)
    url = reverse("feedback:contact_slips")

    def names(**params):
        return sorted(slip.name for slip in client.get(url, params).context["slips"])

    assert names(interest="council") == [council.name, handled.name]
    assert names(interest="council", handled="open") == [council.name]
    assert names(handled="handled") == [handled.name]
    bad = client.get(url, {"handled": "maybe"})
    assert bad.status_code == 200 and list(bad.context["slips"]) == []
    assert count_queries(client, url, interest="council") <= count_queries(client, url)


def test_a_contact_slip_is_erased_at_once_when_the_person_asks(login, world):
    from socialwork.audit.models import AuditEvent
    from tests.factories.feedback import ContactSlipFactory

    forget = ContactSlipFactory(unit=world.unit, name="Unohda Minut")
    keep = ContactSlipFactory(unit=world.unit, name="Pysyvä Henkilö")
    services.contact_slip_handle(actor=world.expert_coordinator, slip=forget)
    # Only the coordinator who reads the slips erases them.
    for persona in (world.counsellor, world.supervisor):
        response = login(persona).post(reverse("feedback:contact_slip_erase", args=[forget.pk]))
        assert response.status_code == 403
    assert (
        login(None)
        .post(reverse("feedback:contact_slip_erase", args=[forget.pk]))["Location"]
        .startswith(reverse("login"))
    )
    client = login(world.expert_coordinator)
    page = client.post(reverse("feedback:contact_slip_erase", args=[forget.pk]), follow=True)
    assert "Yhteystietolappu poistettiin" in page.content.decode()
    assert "Unohda Minut" not in page.content.decode()
    assert list(ContactSlip.objects.values_list("name", flat=True)) == [keep.name]
    event = AuditEvent.objects.get(changed_fields=["erased"])
    assert (event.actor, event.action) == (world.expert_coordinator, AuditEvent.Action.DELETE)
    assert "Unohda" not in event.object_label + event.actor_label
    # Again (a double tap): nothing there, nothing changed.
    assert client.post(reverse("feedback:contact_slip_erase", args=[forget.pk])).status_code == 404
