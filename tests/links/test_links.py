"""Links without a login (socialwork/links): the database holds no token that works, a link
opens only while it is valid, guessing is stopped, and using one is in the audit log."""

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from socialwork.audit.models import AuditEvent
from socialwork.links.models import SecretLink
from socialwork.links.services import TooManyGuesses, link_issue, link_open, link_revoke, link_use
from tests.utils import visitor

pytestmark = pytest.mark.django_db


def stored_row(link) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM links_secretlink WHERE id = %s", [link.pk])
        return " ".join(str(value) for value in cursor.fetchone())


@pytest.mark.parametrize("purpose", ["session-code", "survey", "calendar-feed"])
def test_the_database_holds_neither_the_token_nor_a_plain_hash_of_it(purpose):
    link = link_issue(purpose=purpose)
    token = link.token
    row = stored_row(link)
    assert token and token not in row
    assert hashlib.sha256(token.encode()).hexdigest() not in row
    # The application, holding the key, shows it again: the same address every time.
    assert SecretLink.objects.get(pk=link.pk).token == token


def test_a_link_opens_while_valid_and_not_after():
    link = link_issue(purpose="session-code", valid_for=timedelta(minutes=30))
    token = link.token
    assert link_open(visitor(), purpose="session-code", token=token) == link
    # Typed from the screen: lower case, a space or a dash make no difference.
    typed = f" {token[:3].lower()}-{token[3:]} "
    assert link_open(visitor(), purpose="session-code", token=typed) == link
    # Another purpose's token of the same form opens nothing here.
    assert link_open(visitor(), purpose="survey", token=token) is None
    SecretLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    assert link_open(visitor(), purpose="session-code", token=token) is None


def test_a_revoked_link_stops_at_once_and_the_revoking_is_logged(world):
    link = link_issue(purpose="calendar-feed")
    assert link_revoke(link=link, actor=world.administrator)
    assert link_open(visitor(), purpose="calendar-feed", token=link.token) is None
    assert not link_revoke(link=link, actor=world.administrator)
    assert AuditEvent.objects.filter(object_type="links.secretlink", action="change").count() == 1


def test_a_link_that_works_once_works_once_and_its_use_is_in_the_audit_log():
    link = link_issue(purpose="kiosk-registration", valid_for=timedelta(days=1), single_use=True)
    token = link.token
    # Opening the page (a link preview, a virus scanner) does not use it up.
    assert link_open(visitor(), purpose="kiosk-registration", token=token) == link
    assert link_use(visitor(), purpose="kiosk-registration", token=token) == link
    assert link_use(visitor(), purpose="kiosk-registration", token=token) is None
    link.refresh_from_db()
    assert link.use_count == 1 and link.used_at is not None
    used = AuditEvent.objects.get(object_type="links.secretlink", action="view")
    assert used.actor is None and used.actor_label == "link:kiosk-registration"


def test_an_anonymous_survey_link_leaves_no_time_of_use_in_the_log():
    link = link_issue(purpose="survey")
    assert link_use(visitor(), purpose="survey", token=link.token) == link
    assert not AuditEvent.objects.filter(object_type="links.secretlink").exists()


def test_guessing_is_stopped_for_the_address_that_guesses():
    link = link_issue(purpose="session-code", valid_for=timedelta(hours=1))
    guesser, other = visitor("203.0.113.5"), visitor("203.0.113.6")
    for attempt in range(20):
        assert link_open(guesser, purpose="session-code", token=f"AAAA{attempt:02d}") is None
    # Now even the right code is not looked at for this address; others go on as before.
    with pytest.raises(TooManyGuesses):
        link_open(guesser, purpose="session-code", token=link.token)
    assert link_open(other, purpose="session-code", token=link.token) == link


def test_links_made_under_an_earlier_key_still_open_and_show(settings):
    link = link_issue(purpose="survey")
    token = link.token
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-after-a-rotation-" + "x" * 40
    assert link_open(visitor(), purpose="survey", token=token) == link
    assert SecretLink.objects.get(pk=link.pk).token == token
    settings.SECRET_KEY_FALLBACKS = []
    assert link_open(visitor(), purpose="survey", token=token) is None


def test_a_links_two_forms_share_one_count_of_wrong_guesses():
    """Survey links have a short form and an early long one: guessing both forms from one
    address is counted once, not twice."""
    link = link_issue(purpose="survey")
    guesser = visitor("203.0.113.9")
    for attempt in range(10):
        link_open(guesser, purpose="survey", token=f"zzzzzzzz{attempt:02d}")
        link_open(guesser, purpose="survey-early", token=f"Z{attempt:021d}")
    with pytest.raises(TooManyGuesses):
        link_open(guesser, purpose="survey", token=link.token)
