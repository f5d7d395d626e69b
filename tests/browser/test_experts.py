"""Experience experts in the browser: a worker finds an expert in the CV folder on a tablet
and orders them, the coordinator asks and books experts at her desk (and the app refuses to
book one expert twice at one time), and an expert answers a request on their own phone,
without a login. Orders are placed a week from today, so the tests pass whatever today is.

Elements are found by their names, values and ids, not by their wording, which the
translators are still working on; where a text must be read, it is the one Django itself
gives for the Finnish page (`fi`)."""

import re
from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from experts import cvform, notices, services
from experts.models import Booking, Order
from experts.purposes import EXPERT_PAGE
from socialwork.core.schedules import wall_clock
from socialwork.messaging.models import Message
from tests.browser.conftest import AccessibilityChecker
from tests.experts.helpers import on_roster, order

pytestmark = pytest.mark.django_db(transaction=True)

TABLET_PORTRAIT = {"width": 820, "height": 1180}
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
BIG = 44  # px: the smallest comfortable touch target


def fi(text):
    """A text as the Finnish pages show it (the English msgid while it is untranslated)."""
    with translation.override("fi"):
        return gettext(text)


def status_label(choice):
    with translation.override("fi"):
        return str(choice.label)


def a_week_ahead(hour, minutes=0):
    return wall_clock(timezone.localdate() + timedelta(days=7), time(hour, minutes))


def url(live_server, name, *args, query=""):
    return live_server.url + reverse(name, args=args) + query


def test_a_worker_searches_the_roster_and_orders_an_expert(world, page, live_server, axe, log_in):
    page.set_viewport_size(TABLET_PORTRAIT)
    debts = on_roster(
        world, "Pirjo Lehtonen", experience={"debt_counselling": "Ulosotto ja velkajärjestely."}
    )
    on_roster(world, "Sanna Koski", experience={"child_protection": "Sijoitus nuorena."})
    cv = debts.cvs.get()
    day = timezone.localdate() + timedelta(days=7)

    log_in(world.counsellor)
    page.goto(url(live_server, "experts:home"))
    cards = page.locator("main article.card")
    expect(cards).to_have_count(2)
    axe.check()

    # Experience of debts: only her CV.
    search = page.locator("main form[role=search]")
    search.locator("select[name=area]").select_option("debt_counselling")
    search.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]area=debt_counselling"))
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Pirjo Lehtonen")
    expect(page.locator("main")).not_to_contain_text("Sanna Koski")
    axe.check()

    cards.first.locator(f"a[href='{reverse('experts:cv_detail', args=[cv.pk])}']").click()
    expect(page).to_have_url(url(live_server, "experts:cv_detail", cv.pk))
    expect(page.locator("main")).to_contain_text("Ulosotto ja velkajärjestely.")
    axe.check()

    order_link = page.locator(f"main a[href='{reverse('experts:order_add')}?cv={cv.pk}']")
    expect(order_link).to_have_accessible_name(re.compile(r"\S"))
    order_link.click()
    expect(page).to_have_url(url(live_server, "experts:order_add", query=f"?cv={cv.pk}"))
    form = page.locator("main form[method=post]")
    # Prefilled: the worker's unit, and the expert whose CV it came from.
    expect(form.locator("select[name=unit]")).to_have_value(str(world.unit.pk))
    expect(form.locator("select[name=wished_expert]")).to_have_value(str(debts.pk))
    axe.check()

    form.locator("select[name=assignment_type]").select_option("talk")
    form.locator("input[name=day]").fill(day.isoformat())
    form.locator("input[name=start]").fill("13:00")
    form.locator("input[name=end]").fill("15:00")
    form.locator("input[name=place]").fill("Koivulan sosiaaliasema, Asemakatu 12")
    form.locator("textarea[name=topic]").fill("Velat ja ulosotto asiakkaan silmin")
    form.locator("input[name=areas][value=debt_counselling]").check()
    form.locator("button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/orders/\d+/$"))
    made = Order.objects.get()
    expect(page).to_have_url(url(live_server, "experts:order_detail", made.pk))
    assert (made.wished_expert, made.ordered_by, made.unit) == (
        debts,
        world.counsellor,
        world.unit,
    )
    assert made.status == Order.Status.NEW
    assert made.areas == ["debt_counselling"]
    assert made.starts_at == wall_clock(day, time(13))
    assert made.ends_at == wall_clock(day, time(15))
    main = page.locator("main")
    expect(page.locator(".messages .alert-success")).to_be_visible()
    expect(main).to_contain_text("Velat ja ulosotto asiakkaan silmin")
    expect(main).to_contain_text("Koivulan sosiaaliasema, Asemakatu 12")
    expect(main).to_contain_text(f"{day.day}.{day.month}.{day.year} 13:00–15:00")
    axe.check()
    # The order's facts name the expert wished for and the experience wished for.
    facts = main.locator("dl").first.inner_text()
    missing = [
        wanted
        for wanted in ("Pirjo Lehtonen", cvform.area_label("debt_counselling", "fi"))
        if wanted not in facts
    ]
    assert not missing, f"the order's page does not show {missing}:\n{facts}"


def test_the_coordinator_asks_an_expert_and_books_them(world, page, live_server, axe, log_in):
    page.set_viewport_size(DESKTOP)
    pirjo = on_roster(world, "Pirjo Lehtonen")
    sanna = on_roster(world, "Sanna Koski")
    talk = order(world, a_week_ahead(12))
    # Another order an hour later that overlaps the first: Pirjo is free for both until
    # one of them is confirmed, so the coordinator asks her for both.
    overlapping = order(world, a_week_ahead(13), topic="Toimeentulotuki ja asiakkaan arki")

    log_in(world.expert_coordinator)

    def ask_pirjo(the_order):
        page.goto(url(live_server, "experts:order_detail", the_order.pk))
        suggested = page.locator("main input[name=expert]")
        expect(suggested).to_have_count(2)
        expect(page.locator(f"#ask-{pirjo.pk}")).to_be_visible()
        expect(page.locator(f"#ask-{sanna.pk}")).to_be_visible()
        axe.check()
        page.locator(f"#ask-{pirjo.pk}").check()
        ask = page.locator(f"form[action='{reverse('experts:order_ask', args=[the_order.pk])}']")
        ask.locator("button[type=submit]").click()
        expect(page.locator(".messages .alert-success")).to_be_visible()
        expect(page.locator("#bookings .list-group-item")).to_contain_text(
            [f"Pirjo Lehtonen · {status_label(Booking.Status.ASKED)}"]
        )
        axe.check()
        return Booking.objects.get(order=the_order, expert=pirjo)

    def record_phone_yes(the_order):
        answer = page.locator(
            f"form[action='{reverse('experts:order_answer', args=[the_order.pk])}']"
        )
        expect(answer).to_have_count(1)
        answer.locator("select[name=how]").select_option("phone")
        answer.locator("button[name=accept][value='1']").click()

    first = ask_pirjo(talk)
    assert first.status == Booking.Status.ASKED
    second = ask_pirjo(overlapping)

    # Pirjo says yes by phone to the first: confirmed at once.
    page.goto(url(live_server, "experts:order_detail", talk.pk))
    axe.check()
    record_phone_yes(talk)
    expect(page.locator(".messages .alert-success")).to_be_visible()
    booking_row = page.locator("#bookings .list-group-item").filter(has_text="Pirjo Lehtonen")
    expect(booking_row).to_contain_text(status_label(Booking.Status.CONFIRMED))
    expect(page.locator("main h1 + p")).to_contain_text(status_label(Order.Status.CONFIRMED))
    # Nothing more to answer or ask on it.
    expect(page.locator("main input[name=expert]")).to_have_count(0)
    expect(page.locator("main button[name=accept]")).to_have_count(0)
    axe.check()
    first.refresh_from_db()
    talk.refresh_from_db()
    assert first.status == Booking.Status.CONFIRMED
    assert talk.status == Order.Status.CONFIRMED
    to_pirjo = Message.objects.filter(client=pirjo.client)
    assert to_pirjo.filter(purpose=notices.REQUEST).count() == 2  # one for each order
    assert to_pirjo.filter(purpose=notices.CONFIRMED).count() == 1

    # She says yes to the overlapping one too: the acceptance is kept, the booking is not
    # confirmed, and the coordinator is told why.
    page.goto(url(live_server, "experts:order_detail", overlapping.pk))
    axe.check()
    record_phone_yes(overlapping)
    warning = page.locator(".messages .alert").filter(
        has_text=fi("The expert already has a confirmed booking at that time.")
    )
    expect(warning).to_be_visible()
    expect(warning).to_have_class(re.compile(r"alert-(warning|danger)"))
    booking_row = page.locator("#bookings .list-group-item").filter(has_text="Pirjo Lehtonen")
    expect(booking_row).to_contain_text(status_label(Booking.Status.ACCEPTED))
    expect(booking_row).not_to_contain_text(status_label(Booking.Status.CONFIRMED))
    # Sanna is still suggested for it; Pirjo, asked already and busy, is not.
    expect(page.locator("main input[name=expert]")).to_have_count(1)
    expect(page.locator(f"#ask-{sanna.pk}")).to_be_visible()
    axe.check()

    # Trying to confirm her by hand is refused the same way.
    confirm = page.locator(
        f"form[action='{reverse('experts:order_confirm', args=[overlapping.pk])}']"
    )
    confirm.locator("button[type=submit]").click()
    expect(page.locator(".messages .alert-danger")).to_contain_text(
        fi("The expert already has a confirmed booking at that time.")
    )
    axe.check()
    second.refresh_from_db()
    overlapping.refresh_from_db()
    assert second.status == Booking.Status.ACCEPTED
    assert overlapping.status == Order.Status.ASKING
    assert to_pirjo.filter(purpose=notices.CONFIRMED).count() == 1


def test_the_expert_accepts_a_request_on_a_phone(world, browser, live_server):
    pirjo = on_roster(world, "Pirjo Lehtonen")
    talk = order(world, a_week_ahead(12), place="Sosiaalialan oppilaitos, Koulukatu 3")
    [booking] = services.booking_ask(actor=world.expert_coordinator, order=talk, experts=[pirjo])
    pirjo.refresh_from_db()
    token = pirjo.page_link.token
    address = live_server.url + reverse("expert_page:page", args=[token])

    context = browser.new_context(viewport=PHONE, locale="fi-FI", has_touch=True)
    phone = context.new_page()
    phone_axe = AccessibilityChecker(phone)
    response = phone.goto(address)
    assert response.status == 200
    expect(phone.locator("h1")).to_contain_text("Pirjo")
    card = phone.locator(f"#requests article[aria-labelledby='request-{booking.pk}']")
    expect(card).to_be_visible()
    expect(card).to_contain_text("Sosiaalialan oppilaitos, Koulukatu 3")
    upcoming = phone.locator("#upcoming .list-group-item")
    expect(upcoming).not_to_contain_text(["Sosiaalialan oppilaitos"])
    phone_axe.check()

    accept = card.locator("button[name=action][value=accept]")
    decline = card.locator("button[name=action][value=decline]")
    for button in (accept, decline):
        expect(button).to_have_accessible_name(re.compile(r"\S"))
        assert button.bounding_box()["height"] >= BIG
        assert button.bounding_box()["width"] >= BIG

    accept.tap()
    expect(phone.locator(".messages .alert-success")).to_be_visible()
    expect(phone.locator("#requests article")).to_have_count(0)
    expect(upcoming).to_have_count(1)
    expect(upcoming.first).to_contain_text("Sosiaalialan oppilaitos, Koulukatu 3")
    # Confirmed at once: no "waiting for confirmation" badge.
    expect(upcoming.first.locator(".badge")).to_have_count(0)
    phone_axe.check()
    booking.refresh_from_db()
    talk.refresh_from_db()
    assert (booking.status, booking.answered_how) == (
        Booking.Status.CONFIRMED,
        Booking.AnsweredHow.OWN_PAGE,
    )
    assert talk.status == Order.Status.CONFIRMED

    # An address of the same length with other characters: the page that says the link
    # does not work, and nothing of hers.
    alphabet = EXPERT_PAGE.alphabet
    wrong = "".join(alphabet[(alphabet.index(ch) + 1) % len(alphabet)] for ch in token)
    assert len(wrong) == len(token) and wrong != token
    response = phone.goto(live_server.url + reverse("expert_page:page", args=[wrong]))
    assert response.status == 404
    expect(phone.locator("h1")).to_have_text(fi("The link does not work"))
    expect(phone.locator("main")).not_to_contain_text("Pirjo")
    expect(phone.locator("#requests")).to_have_count(0)
    phone_axe.check()
    phone_axe.assert_every_page_checked()
    context.close()
