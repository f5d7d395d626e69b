"""The experts' pages as their users meet them: the private file that only the coordinator
opens (every opening in the audit log), the CV made, approved and published through the
coordinator's pages, a worker's order, the expert's own page (accept, decline, an expired,
renewed or guessed link, the contact diary), the CV folder as a PDF, and the lists that
stay flat as they grow. Each test sets its own "now"."""

import subprocess
from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from experts import notices, services
from experts.models import CV, Booking, DiaryEntry, Expert, Order
from socialwork.audit.models import AuditEvent
from socialwork.core.schedules import HELSINKI
from socialwork.documents.services import document_render
from socialwork.messaging.models import Message
from tests.experts.helpers import booked, on_roster, order
from tests.utils import count_queries

NOW = datetime(2027, 5, 3, 9, tzinfo=HELSINKI)
LATER = datetime(2027, 5, 20, 13, tzinfo=HELSINKI)


def page_url(expert):
    expert.refresh_from_db()
    return reverse("expert_page:page", args=[expert.page_link.token])


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_private_file_opens_for_the_coordinator_alone_and_every_opening_is_logged(world, login):
    expert = on_roster(world, "Pirjo Lehtonen")
    services.expert_update(
        actor=world.expert_coordinator, expert=expert, life_situation="Ei iltoja."
    )
    url = reverse("experts:file", args=[expert.pk])
    for persona in ("counsellor", "social_worker", "supervisor", "management", "administrator"):
        response = login(world.persona(persona)).get(url)
        assert response.status_code == 403, persona
        assert "Ei iltoja" not in response.text
    client = login(world.expert_coordinator)
    for _time in range(2):
        assert "Ei iltoja." in client.get(url).text
    views = AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, object_type="experts.expert", object_id=str(expert.pk)
    )
    assert views.count() == 2 and {e.actor for e in views} == {world.expert_coordinator}


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_coordinator_takes_a_person_from_interest_to_the_roster(world, login):
    client = login(world.expert_coordinator)
    response = client.post(
        reverse("experts:expert_add"),
        {
            "first_name": "Sanna",
            "last_name": "Koski",
            "phone": "040 123 4567",
            "preferred_language": "fi",
            "reminder_channel": "sms",
            "sms_consent": "on",
            "unit": world.unit.pk,
            "source": "newspaper",
            "employment": "fee",
        },
    )
    expert = Expert.objects.get(client__last_name="Koski")
    assert response.status_code == 302 and expert.status == Expert.Status.CANDIDATE
    assert expert.source == "newspaper" and expert.client.has_sms_consent
    # The interview needs two interviewers: one is refused and nothing is saved.
    interview = reverse("experts:interview", args=[expert.pk])
    one = client.post(interview, {"held_on": "2027-05-03", "interviewers": [world.counsellor.pk]})
    assert one.status_code == 200 and not hasattr(Expert.objects.get(pk=expert.pk), "interview")
    client.post(
        interview,
        {
            "held_on": "2027-05-03",
            "interviewers": [world.counsellor.pk, world.expert_coordinator.pk],
            "life_situation": "Kuntoutus edennyt hyvin.",
        },
    )
    client.post(
        reverse("experts:training_add", args=[expert.pk]),
        {"provider": "Tampereen ammattikorkeakoulu", "year": 2027, "hours": 40, "completed": "on"},
    )
    client.post(reverse("experts:status", args=[expert.pk]), {"status": "active"})
    expert.refresh_from_db()
    assert expert.status == Expert.Status.ACTIVE and expert.interview.interviewers.count() == 2
    cv_page = reverse("experts:cv_edit", args=[expert.pk])
    assert client.get(cv_page).status_code == 200
    client.post(
        cv_page,
        {
            "language": "fi",
            "name": "Sanna K.",
            "born_year": "1979",
            "training_year": "2027",
            "motto": "Pienin askelin.",
            "story": "Lapseni olivat sijoitettuina.",
            "area_child_protection": "Sijoitus 2015-2018.",
            "languages": ["fi"],
            "assignment_types": ["talk", "client_meeting"],
        },
    )
    cv = expert.cvs.get()
    assert cv.status == CV.Status.DRAFT and cv.experience == {
        "child_protection": "Sijoitus 2015-2018."
    }
    # Publishing before the expert's approval is refused; then approved by phone, published.
    client.post(reverse("experts:cv_step", args=[expert.pk, "publish"]))
    assert CV.objects.get(pk=cv.pk).status == CV.Status.DRAFT
    client.post(reverse("experts:cv_step", args=[expert.pk, "approve"]), {"how": "phone"})
    client.post(reverse("experts:cv_step", args=[expert.pk, "publish"]))
    cv.refresh_from_db()
    assert (cv.status, cv.approved_how) == (CV.Status.PUBLISHED, "phone")
    assert "Sanna K." in login(world.counsellor).get(reverse("experts:home")).text
    # A bad year is refused with the form, nothing changes.
    client = login(world.expert_coordinator)
    bad = client.post(cv_page, {"language": "fi", "name": "Sanna K.", "born_year": "3000"})
    assert bad.status_code == 200 and expert.cvs.count() == 1


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_worker_orders_and_sees_only_their_own_orders(world, login):
    expert = on_roster(world, "Pirjo Lehtonen")
    cv = expert.cvs.get(status=CV.Status.PUBLISHED)
    client = login(world.counsellor)
    form = client.get(reverse("experts:order_add"), {"cv": cv.pk})
    assert form.status_code == 200
    response = client.post(
        reverse("experts:order_add"),
        {
            "assignment_type": "talk",
            "day": "2027-05-20",
            "start": "13:00",
            "end": "14:30",
            "place": "Koivulan sosiaaliasema",
            "topic": "Asiakkaan kohtaaminen",
            "language": "fi",
            "wished_expert": expert.pk,
            "experts_needed": 1,
            "fee_offered": "60",
            "unit": world.unit.pk,
            "areas": ["debt_counselling"],
        },
    )
    made = Order.objects.get()
    assert response.status_code == 302 and made.ordered_by == world.counsellor
    assert made.starts_at == LATER and made.wished_expert == expert
    assert (
        login(world.other_counsellor)
        .get(reverse("experts:order_detail", args=[made.pk]))
        .status_code
        == 404
    )
    # The end before the start: the form says so and nothing is saved.
    bad = client.post(
        reverse("experts:order_add"),
        {
            "assignment_type": "talk",
            "day": "2027-05-21",
            "start": "13:00",
            "end": "12:00",
            "place": "X",
            "topic": "Y",
            "language": "fi",
            "experts_needed": 1,
            "unit": world.unit.pk,
        },
    )
    assert bad.status_code == 200 and Order.objects.count() == 1

    url = reverse("experts:orders")
    few = count_queries(login(world.expert_coordinator), url)
    for day in range(5):
        booked(world, order(world, LATER + timedelta(days=day + 1)), expert)
    assert count_queries(login(world.expert_coordinator), url) == few


@pytest.mark.django_db
def test_the_expert_answers_on_their_own_page_which_expires_and_is_renewed(world, client):
    with time_machine.travel(NOW, tick=False):
        expert = on_roster(world, "Pirjo Lehtonen")
        first, second = (order(world, LATER + timedelta(days=d)) for d in (0, 1))
        services.booking_ask(actor=world.expert_coordinator, order=first, experts=[expert])
        services.booking_ask(actor=world.expert_coordinator, order=second, experts=[expert])
        url = page_url(expert)
        page = client.get(url)
        assert page.status_code == 200 and page.text.count('value="accept"') == 2
        accept = first.bookings.get()
        client.post(url, {"booking": accept.pk, "action": "accept"})
        client.post(url, {"booking": second.bookings.get().pk, "action": "decline"})
        assert Booking.objects.get(pk=accept.pk).status == Booking.Status.CONFIRMED
        assert second.bookings.get().status == Booking.Status.DECLINED
        # Every opening and answer is a use of the link in the audit log.
        uses = AuditEvent.objects.filter(actor_label="link:expert-page")
        assert uses.filter(action=AuditEvent.Action.VIEW).count() == 3
        # Someone else's booking cannot be answered from this page.
        other = on_roster(world, "Sanna Koski")
        third = order(world, LATER + timedelta(days=3))
        [theirs] = services.booking_ask(
            actor=world.expert_coordinator, order=third, experts=[other]
        )
        client.post(url, {"booking": theirs.pk, "action": "accept"})
        assert Booking.objects.get(pk=theirs.pk).status == Booking.Status.ASKED
        # Renewed: the old address stops at once, the new one goes by text message.
        services.page_link_renew(actor=world.expert_coordinator, expert=expert)
        assert client.get(url).status_code == 404
        assert Message.objects.filter(purpose=notices.PAGE_LINK, client=expert.client).exists()
        renewed = page_url(expert)
        assert client.get(renewed).status_code == 200
    with time_machine.travel(NOW + timedelta(days=31), tick=False):
        assert client.get(renewed).status_code == 404


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_guessing_the_experts_page_is_stopped_and_an_ended_expert_has_none(world, client):
    expert = on_roster(world, "Pirjo Lehtonen")
    services.page_link_renew(actor=world.expert_coordinator, expert=expert, send=False)
    url = page_url(expert)
    wrong = reverse("expert_page:page", args=["x" * 22])
    for _guess in range(20):
        assert client.get(wrong).status_code == 404
    assert client.get(url).status_code == 429
    client.cookies.clear()
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        assert client.get(url).status_code == 200
        services.expert_set_status(
            actor=world.expert_coordinator, expert=expert, status=Expert.Status.ENDED
        )
        assert client.get(url).status_code == 404


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_an_employed_expert_keeps_the_diary_and_others_see_only_safe_counts(world, client, login):
    employed = on_roster(world, "Olli Nieminen", employment=Expert.Employment.SALARIED)
    services.page_link_renew(actor=world.expert_coordinator, expert=employed, send=False)
    url = page_url(employed)
    entry = {"action": "diary", "day": "2027-05-02", "channel": "walk_in", "topic": "kela"}
    for _contact in range(6):
        client.post(url, entry)
    client.post(url, {**entry, "topic": "housing"})
    future = client.post(url, {**entry, "day": "2027-06-01"})
    assert future.status_code == 400 and DiaryEntry.objects.count() == 7
    report = reverse("experts:diary_report")
    full = login(world.expert_coordinator).get(report, {"year": 2027}).context["report"]
    kela = next(row for row in full["rows"] if row["topic"] == "kela")
    housing = next(row for row in full["rows"] if row["topic"] == "housing")
    assert kela["cells"][4] == {"n": 6, "hidden": False}
    assert housing["cells"][4] == {"n": 1, "hidden": False}
    safe = login(world.supervisor).get(report, {"year": 2027}).context["report"]
    housing = next(row for row in safe["rows"] if row["topic"] == "housing")
    kela = next(row for row in safe["rows"] if row["topic"] == "kela")
    # The single housing contact is hidden, and so much else that it cannot be worked out
    # from May's total minus the Kela contacts.
    assert housing["cells"][4]["hidden"]
    assert kela["cells"][4]["hidden"] or safe["totals"][4]["hidden"]
    # A fee-paid expert keeps no diary.
    fee_paid = on_roster(world, "Pirjo Lehtonen")
    services.page_link_renew(actor=world.expert_coordinator, expert=fee_paid, send=False)
    assert client.post(page_url(fee_paid), entry).status_code == 400


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_cv_folder_pdf_has_the_ordering_instructions_and_every_cv(world, login, settings):
    settings.EXPERT_COORDINATOR_CONTACT = "Kokemusasiantuntijatoiminta, puh. 040 555 0101"
    on_roster(world, "Pirjo Lehtonen", motto="Kukaan ei ole yksin.")
    on_roster(world, "Bertil Sundström", language="sv", languages=["sv"], motto="Steg för steg.")
    client = login(world.counsellor)
    client.post(reverse("experts:folder"))
    client.post(reverse("experts:folder"))  # a second click makes no second file
    from socialwork.documents.models import Document

    [document] = Document.objects.filter(kind="experts.folder")
    document = document_render(document_id=document.pk)
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=bytes(document.file), capture_output=True
    ).stdout.decode()
    first_page = text.split("\f")[0]
    assert "040 555 0101" in first_page and "30–100" in first_page
    assert "Kukaan ei ole yksin." in text and "Steg för steg." in text
    assert "Kokemusasiantuntijan CV" in text and "Erfarenhetsexpertens CV" in text
    download = client.get(reverse("experts:folder_pdf", args=[document.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    # The folder has left the product: each expert in it has the disclosure, once a download.
    disclosed = AuditEvent.objects.filter(action=AuditEvent.Action.DISCLOSE)
    assert sorted(disclosed.values_list("object_label", "changed_fields")) == [
        ("Bertil Sundström", ["expert_cv_folder"]),
        ("Pirjo Lehtonen", ["expert_cv_folder"]),
    ]
    assert {event.actor for event in disclosed} == {world.counsellor}
