"""Fixtures every test can use: a small municipality with one persona for each role."""

import os
from dataclasses import dataclass

import pytest

from socialwork.people.models import Role
from socialwork.people.services import role_assign
from tests.factories import ClientFactory, UnitFactory, UserFactory
from tests.utils import logged_errors, verified_login

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# in a thread with a loop unless told that this is intended.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@dataclass
class World:
    unit: object
    other_unit: object
    counsellor: object
    social_worker: object
    supervisor: object
    expert_coordinator: object
    management: object
    administrator: object
    other_counsellor: object
    client: object
    other_client: object

    def persona(self, name):
        return getattr(self, name)


PERSONAS = [
    "counsellor",
    "social_worker",
    "supervisor",
    "expert_coordinator",
    "management",
    "administrator",
    "anonymous",
]


@pytest.fixture
def world(db):
    unit = UnitFactory(name="Koivulan sosiaaliasema")
    other_unit = UnitFactory(name="Rantakylän sosiaalitoimisto")

    def staff(username, role, role_unit):
        user = UserFactory(username=username)
        role_assign(actor=None, user=user, role=role, unit=role_unit)
        return user

    counsellor = staff("counsellor", Role.COUNSELLOR, unit)
    social_worker = staff("social_worker", Role.SOCIAL_WORKER, unit)
    supervisor = staff("supervisor", Role.SUPERVISOR, unit)
    coordinator = staff("expert_coordinator", Role.EXPERT_COORDINATOR, None)
    management = staff("management", Role.MANAGEMENT, None)
    administrator = staff("administrator", Role.ADMINISTRATOR, None)
    other_counsellor = staff("other_counsellor", Role.COUNSELLOR, other_unit)
    return World(
        unit=unit,
        other_unit=other_unit,
        counsellor=counsellor,
        social_worker=social_worker,
        supervisor=supervisor,
        expert_coordinator=coordinator,
        management=management,
        administrator=administrator,
        other_counsellor=other_counsellor,
        client=ClientFactory(unit=unit, named_worker=counsellor, created_by=counsellor),
        other_client=ClientFactory(
            unit=other_unit, named_worker=other_counsellor, created_by=other_counsellor
        ),
    )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: throttle counts must not leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_error_logged(request, caplog):
    """A test in which the product logs an error fails, even if what it asserts holds: an
    error in the log is a fault someone would be paged for (a server error behind a page
    that looked fine, a task that failed quietly). A test that causes one on purpose says
    so with @pytest.mark.logs_errors."""
    yield
    if request.node.get_closest_marker("logs_errors"):
        return
    errors = logged_errors([*caplog.get_records("setup"), *caplog.get_records("call")])
    if errors:
        pytest.fail(
            "an error was logged:\n" + "\n".join(f"{r.name}: {r.getMessage()}" for r in errors),
            pytrace=False,
        )


@pytest.fixture
def login(client):
    """login(user) logs the Django test client in as that user (or stays anonymous)."""

    def _login(user):
        client.logout()
        if user is not None:
            # Both factors, as every staff member logs in (the code page is tested apart).
            verified_login(client, user)
        return client

    return _login
