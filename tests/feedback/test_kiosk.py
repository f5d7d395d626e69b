"""The lobby tablet's answer endpoint: stored once, anonymous, refused when it should be."""

import datetime as dt
import json
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from feedback import selectors, services
from feedback.models import Answer, ContactSlip, KioskDevice, Response, secret_hash
from feedback.selectors import KIOSK_COOKIE
from socialwork.links.models import SecretLink
from socialwork.links.services import link_issue

pytestmark = pytest.mark.django_db


def post(client, path, body, *, secret=None, content_type="application/json"):
    if secret is not None:
        client.cookies[KIOSK_COOKIE] = secret
    return client.post(
        path, data=json.dumps(body) if isinstance(body, dict) else body, content_type=content_type
    )


def answer(version_id, **overrides):
    body = {
        "key": str(uuid.uuid4()),
        "version": version_id,
        "language": "fi",
        "worker": None,
        "given_at": timezone.now().isoformat(),
        "answers": {"q1": 3, "q2": 2, "q3": "Hyvä kun kuunneltiin."},
    }
    return body | overrides


def current(instrument):
    return selectors.version_current(instrument).pk


def test_an_answer_is_stored_with_its_questions(client, kiosk, card):
    response = post(client, "/kiosk/answer/", answer(current(card)), secret=kiosk.secret)
    assert response.status_code == 201
    stored = Response.objects.get()
    assert stored.channel == "kiosk"
    assert stored.unit == kiosk.device.unit
    got = {a.item.code: (a.value, a.text) for a in Answer.objects.select_related("item")}
    assert got == {"q1": (3, ""), "q2": (2, ""), "q3": (None, "Hyvä kun kuunneltiin.")}


def test_the_same_answer_sent_twice_is_stored_once(client, kiosk, card):
    body = answer(current(card))
    first = post(client, "/kiosk/answer/", body, secret=kiosk.secret)
    again = post(client, "/kiosk/answer/", body, secret=kiosk.secret)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["status"] == "duplicate"
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 3


def test_what_is_stored_names_nobody(client, kiosk, card, colours):
    """No client, address, browser or cookie with the answer, and the time only to the hour."""
    client.cookies["tracking"] = "abc"
    response = client.post(
        "/kiosk/answer/",
        data=json.dumps(answer(current(card), worker=colours.blue.pk)),
        content_type="application/json",
        HTTP_USER_AGENT="Mozilla/5.0 (iPad; CPU OS 17_0) UniqueAgent/1.0",
        REMOTE_ADDR="10.20.30.40",
        HTTP_COOKIE=f"{KIOSK_COOKIE}={kiosk.secret}; tracking=abc",
    )
    assert response.status_code == 201
    # Nothing that links two answers comes back to the tablet either.
    assert not response.cookies
    with connection.cursor() as cursor:
        cursor.execute("SELECT row_to_json(r)::text FROM feedback_response r")
        (row,) = cursor.fetchone()
        cursor.execute("SELECT string_agg(row_to_json(a)::text, ' ') FROM feedback_answer a")
        (answers,) = cursor.fetchone()
    stored = json.loads(row)
    assert set(stored) == {
        "id",
        "key",
        "version_id",
        "campaign_id",
        "channel",
        "unit_id",
        "worker_code_id",
        "language",
        "submitted_hour",
    }
    for secret in ("10.20.30.40", "UniqueAgent", "abc", kiosk.secret):
        assert secret not in row and secret not in answers
    assert stored["worker_code_id"] == colours.blue.pk
    hour = Response.objects.get().submitted_hour
    assert (hour.minute, hour.second, hour.microsecond) == (0, 0, 0)


def test_an_answer_given_offline_keeps_the_hour_it_was_given(client, kiosk, card):
    given = timezone.now() - dt.timedelta(hours=5)
    post(
        client,
        "/kiosk/answer/",
        answer(current(card), given_at=given.isoformat()),
        secret=kiosk.secret,
    )
    assert Response.objects.get().submitted_hour == given.replace(minute=0, second=0, microsecond=0)


def test_a_clock_far_off_is_not_believed(client, kiosk, card):
    post(
        client,
        "/kiosk/answer/",
        answer(current(card), given_at="2001-01-01T10:00:00+02:00"),
        secret=kiosk.secret,
    )
    assert Response.objects.get().submitted_hour.year == timezone.now().year


@pytest.mark.parametrize(
    "change",
    [
        {"answers": {"q1": 7}},
        {"answers": {"q1": "kolme"}},
        {"answers": {"nope": 1}},
        {"answers": {}},
        {"answers": {"q3": "x" * 2001}},
        {"answers": ["q1", 3]},
        {"key": "not-a-key"},
        {"version": "x"},
        {"language": "de"},
        # Odd JSON that once made server errors:
        {"version": 1e400},
        {"version": True},
        {"version": 1.7},
        {"worker": 1e400},
        {"worker": True},
        {"language": None},
    ],
)
def test_bad_input_gets_a_message_and_stores_nothing(client, kiosk, card, change):
    client.cookies["django_language"] = "en"
    response = post(client, "/kiosk/answer/", answer(current(card)) | change, secret=kiosk.secret)
    assert response.status_code == 400
    assert response.json()["error"]
    assert Response.objects.count() == 0 and Answer.objects.count() == 0


def test_a_body_that_is_not_json_is_refused(client, kiosk):
    for body, content_type in (
        ("{nope", "application/json"),
        ("a=1", "text/plain"),
        ("[" * 8000, "application/json"),  # nested deeper than Python reads
        ('{"version": Infinity}', "application/json"),
    ):
        response = post(
            client, "/kiosk/answer/", body, secret=kiosk.secret, content_type=content_type
        )
        assert response.status_code == 400
    assert Response.objects.count() == 0


def test_an_unregistered_or_revoked_tablet_stores_nothing(client, kiosk, card, world):
    body = answer(current(card))
    assert post(client, "/kiosk/answer/", body, secret="made-up").status_code == 403
    client.cookies.pop(KIOSK_COOKIE)
    assert (
        client.post("/kiosk/answer/", data="{}", content_type="application/json").status_code == 403
    )
    services.kiosk_device_revoke(device=kiosk.device, actor=world.administrator)
    assert post(client, "/kiosk/answer/", body, secret=kiosk.secret).status_code == 403
    assert Response.objects.count() == 0


def test_an_answer_that_waited_while_the_tablet_got_another_form_is_kept(
    client, kiosk, card, survey, world
):
    waiting = answer(current(card))
    kiosk.device.instrument = survey
    kiosk.device.save()
    # Refused, it would block every answer queued behind it on the tablet.
    assert post(client, "/kiosk/answer/", waiting, secret=kiosk.secret).status_code == 201
    stored = Response.objects.get()
    assert (stored.version.instrument, stored.unit) == (card, world.unit)


def test_a_colour_of_another_unit_is_not_kept(client, kiosk, card, world):
    from feedback.models import WorkerCode

    elsewhere = WorkerCode.objects.create(
        unit=world.other_unit, worker=world.other_counsellor, colour="red"
    )
    post(client, "/kiosk/answer/", answer(current(card), worker=elsewhere.pk), secret=kiosk.secret)
    assert Response.objects.get().worker_code_id is None


def test_the_page_works_only_on_a_registered_tablet(client, kiosk, world):
    assert client.get("/kiosk/").status_code == 403
    client.cookies[KIOSK_COOKIE] = kiosk.secret
    page = client.get("/kiosk/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Vastasiko tämä tapaaminen odotuksiasi?" in html
    # Swedish and English travel with the page, for switching without the network.
    config = json.loads(html.split('id="kiosk-config" type="application/json">')[1].split("<")[0])
    assert config["texts"]["sv"]["item.q1"] == "Motsvarade denna träff dina förväntningar?"
    assert config["texts"]["en"]["item.q1"] == "Did this meeting meet your expectations?"
    assert "sessionid" not in page.cookies and "csrftoken" not in page.cookies


def test_the_registration_link_works_once(client, world, card):
    device = KioskDevice.objects.create(
        name="Aula 2", unit=world.unit, instrument=card, languages=["fi"]
    )
    token = services.kiosk_enrol_link_new(device=device, actor=world.administrator)
    assert client.get(f"/kiosk/enrol/{token}/").status_code == 200
    # Opening the link (a link preview, a virus scanner) does not use it up.
    response = client.post(f"/kiosk/enrol/{token}/")
    assert response.status_code == 302
    cookie = response.cookies[KIOSK_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/kiosk/"
    device.refresh_from_db()
    assert device.is_active and device.secret_hash == secret_hash(cookie.value)
    client.cookies.clear()
    assert client.post(f"/kiosk/enrol/{token}/").status_code == 404


def test_an_expired_registration_link_does_nothing(client, world, card):
    device = KioskDevice.objects.create(name="Aula 3", unit=world.unit, instrument=card)
    token = services.kiosk_enrol_link_new(device=device, actor=world.administrator)
    SecretLink.objects.filter(kiosk_device=device).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert client.post(f"/kiosk/enrol/{token}/").status_code == 404
    device.refresh_from_db()
    assert not device.is_active


def test_a_contact_slip_from_the_tablet_is_stored_once_and_apart(client, world, survey):
    from tests.feedback.conftest import enrolled_kiosk, release_slips

    tablet = enrolled_kiosk(world, survey)
    slip = {
        "key": str(uuid.uuid4()),
        "name": "Maija Meikäläinen",
        "phone": "040 123 4567",
        "email": "",
        "interest": "council",
        "message": "",
    }
    assert post(client, "/kiosk/contact/", slip, secret=tablet.secret).status_code == 201
    assert release_slips() == 1
    # Sent again after it was moved (the tablet never heard the answer): still one.
    assert post(client, "/kiosk/contact/", slip, secret=tablet.secret).status_code == 201
    release_slips()
    stored = ContactSlip.objects.get()
    assert (stored.name, stored.unit, stored.interest) == (
        "Maija Meikäläinen",
        world.unit,
        "council",
    )
    assert stored.received_on == timezone.localdate()
    field_names = {f.name for f in ContactSlip._meta.get_fields()}
    assert not {"response", "answer", "key"} & field_names
    missing = post(
        client,
        "/kiosk/contact/",
        slip | {"key": str(uuid.uuid4()), "phone": ""},
        secret=tablet.secret,
    )
    assert missing.status_code == 400
    assert ContactSlip.objects.count() == 1


def test_a_tablet_answer_joins_the_survey_campaign_of_its_month(client, world, survey):
    from feedback.models import Campaign
    from tests.feedback.conftest import enrolled_kiosk

    tablet = enrolled_kiosk(world, survey)
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        instrument=survey,
        unit=world.unit,
        year=today.year,
        month=today.month,
        channels=["kiosk"],
        link=link_issue(purpose="survey"),
    )
    body = answer(current(survey), answers={"q1": 4})
    post(client, "/kiosk/answer/", body, secret=tablet.secret)
    assert Response.objects.get().campaign == campaign
    Campaign.objects.filter(pk=campaign.pk).update(channels=["web"])
    post(client, "/kiosk/answer/", answer(current(survey), answers={"q2": 4}), secret=tablet.secret)
    assert Response.objects.filter(campaign__isnull=True).count() == 1


def test_broken_characters_and_far_time_zones_are_stored_cleanly(client, kiosk, card, world):
    """A lone surrogate half or a NUL in a comment, and a tablet clock at +05:30."""
    body = answer(current(card), answers={"q1": 3, "q3": "hyvä\ud800 \x00palvelu"})
    body["given_at"] = (
        (timezone.now() - dt.timedelta(hours=2))
        .astimezone(dt.timezone(dt.timedelta(hours=5, minutes=30)))
        .isoformat()
    )
    assert post(client, "/kiosk/answer/", body, secret=kiosk.secret).status_code == 201
    stored = Response.objects.get()
    assert stored.submitted_hour.minute == 0
    assert Answer.objects.get(text__startswith="hyvä").text == "hyvä palvelu"


def test_a_contact_slip_with_odd_fields_is_stored_cleanly_or_refused(client, world, survey):
    from tests.feedback.conftest import enrolled_kiosk, release_slips

    tablet = enrolled_kiosk(world, survey)
    slip = {
        "key": str(uuid.uuid4()),
        "name": "Maija\x00 M\ud800",
        "phone": None,
        "email": {"a": 1},
        "message": "soita\x00",
    }
    # Neither a phone nor an e-mail address: refused with a message, nothing stored.
    client.cookies["django_language"] = "en"
    refused = post(client, "/kiosk/contact/", slip, secret=tablet.secret)
    assert refused.status_code == 400 and "phone" in refused.json()["error"]
    assert (
        post(client, "/kiosk/contact/", slip | {"phone": "040 1"}, secret=tablet.secret).status_code
        == 201
    )
    release_slips()
    stored = ContactSlip.objects.get()
    assert (stored.name, stored.phone, stored.email, stored.message) == (
        "Maija M",
        "040 1",
        "",
        "soita",
    )


@pytest.mark.parametrize("version", ["²", "9" * 5000])
def test_odd_digits_as_an_id_are_refused_with_a_message(client, kiosk, card, version):
    response = post(client, "/kiosk/answer/", answer(version), secret=kiosk.secret)
    assert response.status_code == 400 and response.json()["status"] == "invalid"
    assert Response.objects.count() == 0


def test_a_tablet_never_writes_a_workers_after_meeting_feedback(client, kiosk):
    from feedback.models import Instrument

    oral = Instrument.objects.get(code="oral")
    body = answer(current(oral), answers={"q1": 1})
    response = post(client, "/kiosk/answer/", body, secret=kiosk.secret)
    # Refused for good, so the tablet drops it rather than holding its queue behind it.
    assert response.status_code == 400 and response.json()["status"] == "invalid"
    assert Response.objects.count() == 0


def test_a_tablet_that_sends_answers_by_the_dozen_has_to_wait(client, world, kiosk, card):
    """Someone tapping in answers to push a figure over the minimum: the 31st in ten minutes
    waits (the tablet keeps it), and another tablet is not held up."""
    from tests.feedback.conftest import enrolled_kiosk

    statuses = [
        post(client, "/kiosk/answer/", answer(current(card)), secret=kiosk.secret).status_code
        for _ in range(31)
    ]
    assert statuses[:30] == [201] * 30 and statuses[30] == 429
    assert Response.objects.count() == 30
    client.cookies["django_language"] = "en"
    waiting = post(client, "/kiosk/answer/", answer(current(card)), secret=kiosk.secret)
    assert waiting.json()["status"] == "wait"  # not "invalid": the tablet keeps it
    other = enrolled_kiosk(world, card, name="Toinen tabletti")
    assert (
        post(client, "/kiosk/answer/", answer(current(card)), secret=other.secret).status_code
        == 201
    )
