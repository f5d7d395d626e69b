"""The second factor: every staff login needs the password and a code from the person's
authenticator app (or a recovery code). Codes here are computed from the key as the phone's
app computes them, on a pinned clock."""

import base64
import re
import time
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from socialwork.audit.models import AuditEvent
from socialwork.core.schedules import HELSINKI
from tests.factories.people import PASSWORD
from tests.utils import authenticator, code_login, totp_code, verified_login

START = datetime(2026, 3, 10, 9, 0, 5, tzinfo=HELSINKI)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def password(client, user, **extra):
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD}, **extra)


def code(client, value, **extra):
    return client.post(reverse("people:second_factor_verify"), {"code": value}, **extra)


def code_from_page(html: str) -> str:
    """What a person does with the key printed under the QR code: types it into the app,
    which then shows this code."""
    key = re.search(r"data-setup-key>([A-Z2-7 ]+)<", html).group(1).replace(" ", "")
    totp = TOTP(base64.b32decode(key))
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_first_login_sets_up_the_app_before_anything_else(clock, world, client):
    password(client, world.counsellor)
    # The password alone opens nothing: every page goes to setting up the app, and back.
    response = client.get(reverse("people:client_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:second_factor_setup"))
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<svg" in html and 'name="code"' in html and "skannaa tämä koodi" in html

    response = client.post(reverse("people:second_factor_setup"), {"code": "000000"})
    assert "Koodi ei täsmännyt" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.counsellor, confirmed=True).exists()

    clock.shift(2)  # the app's throttle after a wrong code
    response = client.post(
        reverse("people:second_factor_setup") + "?next=/clients/",
        {"code": code_from_page(html), "next": "/clients/"},
    )
    assert response.status_code == 302
    codes_page = client.get(response["Location"])
    codes = re.findall(r'<li class="col">([a-z2-7]{8})</li>', codes_page.content.decode())
    assert len(codes) == 10 == len(set(codes))
    # Shown once.
    assert not re.findall(r'<li class="col">', client.get(response["Location"]).content.decode())
    assert client.get(reverse("people:client_list")).status_code == 200
    event = AuditEvent.objects.get(action="change", object_id=str(world.counsellor.pk))
    assert sorted(event.changed_fields) == ["recovery_codes", "second_factor"]


def test_a_login_asks_for_the_code_and_goes_where_it_was_going(clock, world, client):
    device = authenticator(world.supervisor)
    password(client, world.supervisor)
    response = client.get(reverse("people:client_list"))
    assert response["Location"] == reverse("people:second_factor_verify") + "?next=%2Fclients%2F"
    # A signed-in-by-password user cannot set a new app up in place of the phone.
    setup = client.get(reverse("people:second_factor_setup"))
    assert setup["Location"].startswith(reverse("people:second_factor_verify"))
    # The menu is not shown before the code (its pages would only send back here).
    page = client.get(response["Location"])
    assert "Asiakkaat" not in page.content.decode()
    response = client.post(response["Location"], {"code": totp_code(device), "next": "/clients/"})
    assert response["Location"] == "/clients/"
    assert client.get("/clients/").status_code == 200


def test_a_code_is_used_once_and_a_wrong_one_gets_a_clear_message(clock, world, client):
    device = authenticator(world.counsellor)
    used = totp_code(device)
    password(client, world.counsellor)
    assert code(client, used).status_code == 302
    client.post(reverse("logout"))
    password(client, world.counsellor)
    # Seen over a shoulder, the same code does not log in a second time.
    response = code(client, used)
    assert response.status_code == 200
    assert "Koodi on väärä tai jo käytetty" in response.content.decode()
    clock.shift(2)
    response = code(client, "12 34")
    assert "kuusi numeroa" in response.content.decode()
    assert client.get(reverse("core:home")).status_code == 302


def test_a_recovery_code_logs_in_once(clock, world, client):
    authenticator(world.counsellor)
    verified_login(client, world.counsellor)
    response = client.post(reverse("people:security"))
    codes = re.findall(
        r'<li class="col">([a-z2-7]{8})</li>', client.get(response["Location"]).content.decode()
    )
    client.post(reverse("logout"))

    password(client, world.counsellor)
    # Typed from paper, in capitals and with a space: still the code.
    assert code(client, codes[0][:4].upper() + " " + codes[0][4:]).status_code == 302
    client.post(reverse("logout"))
    clock.shift(60)
    password(client, world.counsellor)
    assert code(client, codes[0]).status_code == 200
    clock.shift(5)
    assert code(client, codes[1]).status_code == 302
    assert "8 " in client.get(reverse("people:security")).content.decode()


def test_wrong_codes_lock_the_account_at_this_address_and_no_other(clock, world, client, settings):
    device = authenticator(world.counsellor)
    password(client, world.counsellor)
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        clock.shift(2**attempt + 1)
        assert code(client, "000000").status_code == 200
    # Logging in again with the password does not start the count again.
    client.post(reverse("logout"))
    password(client, world.counsellor)
    clock.shift(60)
    response = code(client, "000000")
    assert response.status_code == 429 and "Liian monta" in response.content.decode()
    # The half-open session ended with the lockout.
    assert client.get(reverse("core:home"))["Location"].startswith(reverse("login"))
    failed = AuditEvent.objects.filter(
        action=AuditEvent.Action.LOGIN_FAILED, object_id=str(world.counsellor.pk)
    )
    assert failed.count() == settings.AXES_FAILURE_LIMIT
    # The right password and code are refused too, for this account at this address ...
    assert password(client, world.counsellor).status_code == 429
    # ... a colleague at the same address logs in ...
    client.logout()
    code_login(client, world.social_worker)
    assert client.get(reverse("core:home")).status_code == 200
    # ... and so does the same account from another address.
    client.logout()
    other = {"REMOTE_ADDR": "10.1.2.3"}
    password(client, world.counsellor, **other)
    clock.shift(60)
    assert code(client, totp_code(device), **other).status_code == 302
    assert client.get(reverse("core:home"), **other).status_code == 200


def test_both_factors_right_start_the_count_again(clock, world, client, settings):
    device = authenticator(world.counsellor)
    password(client, world.counsellor)
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        clock.shift(2**attempt + 1)
        code(client, "000000")
    clock.shift(60)
    assert code(client, totp_code(device)).status_code == 302
    client.post(reverse("logout"))
    password(client, world.counsellor)
    clock.shift(2)
    assert code(client, "000000").status_code == 200  # one failure, not the fifth


def test_the_administrator_resets_a_lost_phone_and_the_log_says_so(clock, world, client):
    authenticator(world.counsellor)
    verified_login(client, world.administrator)
    changelist = client.get(reverse("admin:people_user_changelist"))
    assert changelist.status_code == 200
    response = client.post(
        reverse("admin:people_user_changelist"),
        {"action": "second_factor_reset", "_selected_action": [world.counsellor.pk]},
        follow=True,
    )
    assert "nollattiin" in response.content.decode() or "reset" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.counsellor).exists()
    event = AuditEvent.objects.get(changed_fields=["second_factor_reset"])
    assert (event.actor, event.object_id) == (world.administrator, str(world.counsellor.pk))
    # The next login sets a new app up.
    client.logout()
    password(client, world.counsellor)
    assert client.get(reverse("core:home"))["Location"].startswith(
        reverse("people:second_factor_setup")
    )


def test_only_administrators_reset(clock, world, client):
    authenticator(world.counsellor)
    verified_login(client, world.supervisor)
    client.post(
        reverse("admin:people_user_changelist"),
        {"action": "second_factor_reset", "_selected_action": [world.counsellor.pk]},
    )
    assert TOTPDevice.objects.filter(user=world.counsellor).exists()


def test_pages_without_a_login_stay_without_one_for_a_half_logged_in_browser(clock, world, client):
    password(client, world.counsellor)
    assert client.get(reverse("evaluate:code_entry")).status_code == 200


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("fi", "Koodi todennussovelluksesta"),
        ("sv", "Kod från din autentiseringsapp"),
        ("en", "Code from your authenticator app"),
    ],
)
def test_the_code_page_speaks_the_users_language(clock, world, client, language, heading):
    authenticator(world.counsellor)
    password(client, world.counsellor)
    client.cookies["django_language"] = language
    assert heading in client.get(reverse("people:second_factor_verify")).content.decode()
