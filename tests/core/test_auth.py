import time

from django.urls import reverse

from socialwork.core.middleware import SESSION_LAST_SEEN, SESSION_STARTED
from tests.factories.people import PASSWORD
from tests.utils import code_login


def test_login_and_logout(world, client):
    code_login(client, world.counsellor)
    assert client.get(reverse("core:home")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 302


def test_wrong_password_gets_a_clear_message(world, client):
    response = client.post(reverse("login"), {"username": "counsellor", "password": "nope"})
    assert response.status_code == 200
    assert "Käyttäjätunnus tai salasana on väärin" in response.content.decode()


def test_lockout_counts_username_and_address_together(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "counsellor", "password": "nope"})
    # Now even the right password is refused for this username from this address ...
    response = client.post(reverse("login"), {"username": "counsellor", "password": PASSWORD})
    assert response.status_code == 429
    assert "Liian monta" in response.content.decode()
    # ... but a colleague in the same office (same address) can still log in.
    response = client.post(reverse("login"), {"username": "social_worker", "password": PASSWORD})
    assert response.status_code == 302
    # And the same username from another address is not locked.
    client.logout()
    response = client.post(
        reverse("login"),
        {"username": "counsellor", "password": PASSWORD},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 302


def test_session_ends_after_idle_time(world, client, settings):
    code_login(client, world.counsellor)
    client.get(reverse("core:home"))
    session = client.session
    session[SESSION_LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("people:client_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    response = client.get(response["Location"])
    assert "30 minuuttiin" in response.content.decode()


def test_session_ends_after_twelve_hours_even_when_active(world, client):
    code_login(client, world.counsellor)
    client.get(reverse("core:home"))
    session = client.session
    session[SESSION_STARTED] = int(time.time()) - 12 * 3600 - 60
    session.save()
    response = client.get(reverse("core:home"))
    assert response["Location"].startswith(reverse("login"))


def test_password_change(world, client):
    code_login(client, world.counsellor)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200 and response.context["form"].errors
    new = "uusi-pitkä-salasana-2026"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    world.counsellor.refresh_from_db()
    assert world.counsellor.check_password(new)


def test_server_error_page_is_translated_and_needs_no_database(rf):
    from django.utils import translation

    from socialwork.core.views import error_500

    with translation.override("sv"):
        response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()
    with translation.override("fi"):
        assert "Jokin meni vikaan" in error_500(rf.get("/")).content.decode()
