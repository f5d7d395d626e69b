"""Client councils in the browser, as the leaders use them on a tablet in the meeting room,
a member on their own phone and a manager at their desk. Meetings are placed relative to
today, so every test has its own "now": a meeting a week ago has begun, one in a week has not.
"""

import re
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from councils import services
from councils.models import Attendance, Council, MeetingRole, Minutes, Proposal, Topic
from tests.browser.conftest import AccessibilityChecker
from tests.factories import ClientFactory

pytestmark = pytest.mark.django_db(transaction=True)

TABLET_PORTRAIT = {"width": 820, "height": 1180}
PHONE = {"width": 390, "height": 844}


def led_council(world):
    """A council the counsellor chairs and the social worker writes the minutes of; its
    meetings are added one by one."""
    return services.council_create(
        actor=world.counsellor,
        units=[world.unit],
        leaders=[
            (world.counsellor, MeetingRole.CHAIR),
            (world.social_worker, MeetingRole.SECRETARY),
        ],
        name="Koivulan asiakasraati",
        cadence=Council.Cadence.CUSTOM,
        start_time=time(13),
        responsible=world.counsellor,
    )


def meeting_in(world, council, days):
    """A two-hour meeting at one o'clock, `days` from today (negative: in the past)."""
    return services.meeting_add(
        actor=world.counsellor,
        council=council,
        day=timezone.localdate() + timedelta(days=days),
        start=time(13),
        minutes=120,
    )


def shown(value):
    """A date as the pages show it (j.n.Y)."""
    local = timezone.localtime(value).date() if hasattr(value, "tzinfo") else value
    return f"{local.day}.{local.month}.{local.year}"


def meeting_url(live_server, meeting):
    return live_server.url + reverse("councils:meeting_detail", args=[meeting.pk])


def test_the_leader_builds_the_agenda_from_the_backlog_on_a_tablet(
    world, page, live_server, axe, log_in
):
    page.set_viewport_size(TABLET_PORTRAIT)
    council = led_council(world)
    meeting = meeting_in(world, council, 14)
    services.topic_add(
        actor=world.counsellor,
        council=council,
        title="Aulan viihtyisyys",
        source=Topic.Source.MEMBERS,
    )
    services.topic_add(
        actor=world.counsellor,
        council=council,
        title="Neuvonnan aukioloajat",
        source=Topic.Source.MANAGEMENT,
    )

    log_in(world.counsellor)
    page.goto(meeting_url(live_server, meeting))
    expect(page.get_by_role("heading", level=1)).to_contain_text(shown(meeting.starts_at))
    agenda = page.get_by_role("region", name="Asialista")
    expect(agenda.get_by_role("listitem")).to_have_text(["Asialistalla ei ole vielä mitään."])
    axe.check()

    # The theme management brought becomes the meeting's main topic.
    backlog = page.get_by_role("group", name="Aihevarastosta")
    topics = backlog.get_by_label("Aihe aihevarastosta")
    expect(topics.locator("option")).to_have_text(
        ["---------", "Aulan viihtyisyys", "Neuvonnan aukioloajat"]
    )
    topics.select_option(label="Neuvonnan aukioloajat")
    backlog.get_by_label("Pääaihe").check()
    backlog.get_by_role("button", name="Lisää asialistalle").click()
    expect(page.get_by_text("Asialista päivitettiin.")).to_be_visible()
    axe.check()
    items = agenda.get_by_role("listitem")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Neuvonnan aukioloajat")
    expect(items.first).to_contain_text("Pääaihe")
    expect(items.first).to_contain_text("Johdon laatima")
    # It has left the backlog; the members' wish waits there still.
    expect(topics.locator("option")).to_have_text(["---------", "Aulan viihtyisyys"])

    # The members' wish as a short item after it: neither main nor management's.
    topics.select_option(label="Aulan viihtyisyys")
    backlog.get_by_role("button", name="Lisää asialistalle").click()
    expect(items).to_have_count(2)
    axe.check()
    expect(items.nth(1)).to_contain_text("Aulan viihtyisyys")
    expect(items.nth(1)).not_to_contain_text("Pääaihe")
    expect(items.nth(1)).not_to_contain_text("Johdon laatima")
    expect(topics.locator("option")).to_have_text(["---------"])

    assert list(
        meeting.agenda.order_by("position").values_list("title", "is_main", "from_management")
    ) == [("Neuvonnan aukioloajat", True, True), ("Aulan viihtyisyys", False, False)]
    assert set(council.topics.values_list("status", flat=True)) == {Topic.Status.ON_AGENDA}


def test_the_leader_takes_attendance_with_a_bus_fare_on_a_tablet(
    world, page, live_server, axe, log_in
):
    page.set_viewport_size(TABLET_PORTRAIT)
    council = led_council(world)
    meeting = meeting_in(world, council, -7)
    pekka = ClientFactory(unit=world.unit, first_name="Pekka", last_name="Aaltonen")
    aino = services.member_add(actor=world.counsellor, council=council, client=world.client)
    other = services.member_add(actor=world.counsellor, council=council, client=pekka)

    log_in(world.counsellor)
    page.goto(meeting_url(live_server, meeting))
    expect(page.get_by_text("0 paikalla")).to_be_visible()
    expect(page.get_by_role("region", name="Bussimatkat")).to_have_count(0)
    axe.check()
    page.get_by_role("link", name="Merkitse läsnäolot").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Läsnäolo")
    axe.check()

    came = page.get_by_role("group", name=world.client.full_name)
    came.get_by_label("Läsnä", exact=True).check()
    came.get_by_label("Bussimatka (€)").fill("3.20")
    page.get_by_role("group", name=pekka.full_name).get_by_label("Estynyt").check()
    page.get_by_role("button", name="Tallenna").click()

    expect(page.get_by_text("Läsnäolo tallennettiin.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(shown(meeting.starts_at))
    expect(page.get_by_text("1 paikalla")).to_be_visible()
    fares = page.get_by_role("region", name="Bussimatkat")
    expect(fares.get_by_role("listitem")).to_have_text(
        [f"{world.client.full_name}: 3,20 € – ei vielä maksettu"]
    )
    axe.check()

    marks = {
        a.membership_id: (a.status, a.bus_fare, a.bus_fare_paid)
        for a in Attendance.objects.filter(meeting=meeting)
    }
    assert marks == {
        aino.pk: ("present", Decimal("3.20"), False),
        other.pk: ("excused", None, False),
    }


def test_minutes_are_written_then_approved_at_a_later_meeting_and_locked(
    world, page, live_server, axe, log_in
):
    page.set_viewport_size(TABLET_PORTRAIT)
    council = led_council(world)
    earlier = meeting_in(world, council, -21)
    later = meeting_in(world, council, -7)  # has begun: the minutes can be approved at it
    meeting_in(world, council, 14)  # has not: not offered

    log_in(world.counsellor)
    page.goto(meeting_url(live_server, earlier))
    minutes = page.get_by_role("region", name="Muistio")
    expect(minutes).to_contain_text("Ei vielä muistiota.")
    axe.check()
    minutes.get_by_role("link", name="Kirjoita muistio").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Muistio")
    axe.check()
    page.get_by_label("Mitä käsiteltiin").fill("Raati kävi läpi aulan opasteet.")
    page.get_by_label("Päätökset").fill("Opasteisiin lisätään kuvat.")
    page.get_by_label("Mitä sovittiin").first.fill("Luonnos uusista opasteista")
    page.get_by_label("Kuka").first.fill("Ohjaajat")
    page.get_by_role("button", name="Tallenna luonnos").click()

    expect(page.get_by_text("Muistio tallennettiin.")).to_be_visible()
    expect(minutes).to_contain_text("Luonnos, versio 1")
    expect(minutes).to_contain_text("Raati kävi läpi aulan opasteet.")
    expect(minutes).to_contain_text("Luonnos uusista opasteista – Ohjaajat")
    expect(minutes.get_by_role("link", name="Muokkaa luonnosta")).to_be_visible()
    axe.check()

    # Approved at the later meeting, which has begun; the meeting ahead is not offered.
    at = minutes.get_by_label("Hyväksytty tapaamisessa")
    expect(at.locator("option")).to_have_text([shown(later.starts_at)])
    at.select_option(label=shown(later.starts_at))
    minutes.get_by_role("button", name="Hyväksy muistio").click()

    expect(page.get_by_text("Muistio hyväksyttiin ja on nyt lukittu.")).to_be_visible()
    expect(minutes).to_contain_text(
        f"Versio 1, hyväksytty tapaamisessa {shown(later.starts_at)}; lukittu."
    )
    expect(minutes.get_by_role("link", name="Muokkaa luonnosta")).to_have_count(0)
    expect(minutes.get_by_role("button", name="Hyväksy muistio")).to_have_count(0)
    expect(minutes.get_by_role("link", name="Korjaa")).to_be_visible()
    axe.check()
    approved = Minutes.objects.get(meeting=earlier)
    assert (approved.status, approved.approved_at_meeting, approved.approved_by) == (
        Minutes.Status.APPROVED,
        later,
        world.counsellor,
    )

    # Locked: saving over them from the editor's address is refused and changes nothing.
    page.goto(live_server.url + reverse("councils:minutes", args=[earlier.pk]))
    axe.check()
    page.get_by_label("Mitä käsiteltiin").fill("Jotain aivan muuta.")
    page.get_by_role("button", name="Tallenna luonnos").click()
    expect(page.get_by_text("Muistio on hyväksytty ja lukittu. Tee korjaus.")).to_be_visible()
    axe.check()
    approved.refresh_from_db()
    assert approved.discussed == "Raati kävi läpi aulan opasteet."
    assert earlier.minutes.count() == 1


def test_a_member_reads_the_packet_on_their_phone_and_says_they_will_come(
    world, page, browser, live_server, axe, log_in
):
    council = led_council(world)
    previous = meeting_in(world, council, -21)
    meeting = meeting_in(world, council, 7)
    membership = services.member_add(actor=world.counsellor, council=council, client=world.client)
    services.minutes_save(
        actor=world.social_worker,
        meeting=previous,
        discussed="Raati kävi läpi aulan opasteet.",
        decisions="",
        agreements=[],
    )
    theme = services.topic_add(
        actor=world.counsellor,
        council=council,
        title="Neuvonnan aukioloajat",
        source=Topic.Source.MANAGEMENT,
    )
    services.agenda_add(actor=world.counsellor, meeting=meeting, topic=theme, is_main=True)
    services.agenda_add(actor=world.counsellor, meeting=meeting, title="Kuulumiset")
    delivery = services.member_link_for(meeting=meeting, membership=membership)
    address = live_server.url + reverse("council_member:page", args=[delivery.link.token])

    context = browser.new_context(viewport=PHONE, locale="fi-FI", has_touch=True)
    phone = context.new_page()
    phone_axe = AccessibilityChecker(phone)
    phone.goto(address)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Koivulan asiakasraati")
    expect(phone.get_by_role("region", name="Kutsu")).to_contain_text(
        re.compile(rf"Tervetuloa: Koivulan asiakasraati \w+ {re.escape(shown(meeting.starts_at))}")
    )
    expect(phone.get_by_role("region", name="Asialista").get_by_role("listitem")).to_have_text(
        ["Neuvonnan aukioloajat (johdon laatima teema)", "Kuulumiset"]
    )
    expect(
        phone.get_by_role("region", name=f"Muistio tapaamisesta {shown(previous.starts_at)}")
    ).to_contain_text("Raati kävi läpi aulan opasteet.")
    phone_axe.check()

    phone.get_by_role("button", name="Tulen", exact=True).tap()
    expect(phone.get_by_text("Kiitos, vastauksesi tallennettiin.")).to_be_visible()
    expect(phone.get_by_text("Kerroit tulevasi. Tervetuloa!")).to_be_visible()
    phone_axe.check()
    phone_axe.assert_every_page_checked()
    context.close()
    reply = Attendance.objects.get(meeting=meeting, membership=membership)
    assert reply.reply == Attendance.Reply.COMING and reply.replied_at is not None

    # The leader sees the reply counted for the catering.
    log_in(world.counsellor)
    page.goto(meeting_url(live_server, meeting))
    expect(page.get_by_text("Vastaukset: 1 tulossa, 0 ei tule")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=world.client.full_name)
    expect(row.get_by_role("cell").last).to_have_text("Tulossa")
    axe.check()


def test_a_manager_answers_a_proposal_and_the_leader_sees_the_answer(
    world, page, live_server, axe, log_in
):
    page.set_viewport_size(TABLET_PORTRAIT)
    council = led_council(world)
    drafted_at = meeting_in(world, council, -7)
    proposal = services.proposal_create(
        actor=world.counsellor,
        council=council,
        title="Neuvonta ilman ajanvarausta",
        text="Raati ehdottaa, että neuvontaan pääsee tiistaisin ilman ajanvarausta.",
        recipient_kind=Proposal.Recipient.MANAGER,
        recipient_user=world.management,
        meeting=drafted_at,
    )
    services.proposal_send(actor=world.counsellor, proposal=proposal)
    proposal.refresh_from_db()

    # The proposal waits on the manager's start page and on the councils list alike.
    log_in(world.management)
    card = page.get_by_role("region", name="Vastaustasi odottavat aloitteet")
    waiting = f"Koivulan asiakasraati · vastaus viimeistään {shown(proposal.deadline)}"
    expect(card).to_contain_text(waiting)
    expect(card.get_by_role("link", name="Neuvonta ilman ajanvarausta")).to_be_visible()
    page.get_by_role("navigation", name="Päävalikko").get_by_role(
        "link", name="Asiakasraadit", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Asiakasraadit")
    expect(card).to_contain_text(waiting)
    axe.check()
    card.get_by_role("link", name="Neuvonta ilman ajanvarausta").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neuvonta ilman ajanvarausta")
    expect(page.get_by_text("neuvontaan pääsee tiistaisin")).to_be_visible()
    axe.check()

    # Sending nothing is refused.
    page.get_by_role("button", name="Lähetä vastaus").click()
    expect(page.get_by_role("alert")).to_contain_text("Mitään ei tallennettu")
    axe.check()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SENT

    page.get_by_label("Vastaus").fill("Kokeillaan syksyn ajan tiistaiaamuisin.")
    page.get_by_role("button", name="Lähetä vastaus").click()
    expect(page.get_by_text("Kiitos. Vastauksesi menee raadille.")).to_be_visible()
    axe.check()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.answered_via, proposal.answer) == (
        Proposal.Status.ANSWERED,
        Proposal.AnsweredVia.APP,
        "Kokeillaan syksyn ajan tiistaiaamuisin.",
    )

    # Nothing waits for the manager any more.
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="Vastaustasi odottavat aloitteet")).to_have_count(0)
    axe.check()

    page.get_by_role("button", name=str(world.management)).click()
    page.get_by_role("button", name="Kirjaudu ulos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kirjaudu sisään")
    axe.check()
    log_in(world.counsellor)
    page.goto(live_server.url + reverse("councils:proposal_detail", args=[proposal.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Neuvonta ilman ajanvarausta")
    expect(page.get_by_text("Vastattu")).to_be_visible()
    answer = page.get_by_role("region", name="Vastaus", exact=True)
    expect(answer).to_contain_text("Kokeillaan syksyn ajan tiistaiaamuisin.")
    expect(answer).to_contain_text(
        f"{world.management}, {shown(timezone.localdate())} (sovelluksessa)"
    )
    expect(page.get_by_role("heading", name="Kerro vastaus raadille")).to_be_visible()
    axe.check()
