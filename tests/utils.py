import logging
from contextlib import contextmanager

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings


def count_queries(client, url, **params) -> int:
    """Queries one GET of url takes once the session is warm (the first request of a login
    writes the session, which is not the page's cost)."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


def visitor(address: str = "198.51.100.7"):
    """A request from someone without a login, for the services that count wrong guesses
    per address (links without a login)."""
    return RequestFactory().get("/", REMOTE_ADDR=address)


def logged_errors(records) -> list:
    """The log records at ERROR or above (the suite fails a test that has any)."""
    return [record for record in records if record.levelno >= logging.ERROR]


@contextmanager
def application_role(name: str):
    """The test's connection acting as the application's database role (DATABASE_APP_ROLE)
    with the rights each migrate grants it; the role goes with the test's transaction."""
    from socialwork.audit.roles import grant_application_role

    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {name} NOLOGIN")
    with override_settings(SOCIALWORK_DATABASE_APP_ROLE=name):
        grant_application_role()
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def pdf_text(data: bytes) -> str:
    """A PDF's text as pdftotext reads it (with the layout kept), as a person would."""
    import subprocess

    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode()


def pdf_words(data: bytes) -> str:
    """A PDF's text in reading order with every run of white space made one space: a
    sentence that wraps inside a table cell is still found whole."""
    import subprocess

    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def authenticator(user):
    """The user's authenticator app, set up (as after enrolment): a real TOTP key."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def totp_code(device) -> str:
    """The code the app shows now, computed from the device's key as the phone does. A code
    is accepted once: after one was used in this 30-second step, the next step's code (still
    inside the tolerance of one step)."""
    import time

    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if device.last_t >= totp.t():
        totp.time += device.step * (device.last_t + 1 - totp.t())
    return f"{totp.token():0{device.digits}d}"


def verified_login(client, user):
    """The Django test client logged in with both factors, as after the code page."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
    session.save()
    return client


def code_login(client, user, password: str | None = None):
    """Log in through both pages as a person does: the password, then the app's code."""
    from django.urls import reverse

    from tests.factories.people import PASSWORD

    device = authenticator(user)
    client.post(reverse("login"), {"username": user.username, "password": password or PASSWORD})
    response = client.post(reverse("people:second_factor_verify"), {"code": totp_code(device)})
    assert response.status_code == 302, response
    return client
