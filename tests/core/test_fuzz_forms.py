"""No 500 on any input: every page of the role matrix with a form is posted generated and
hostile values (long, empty, unicode, right-to-left marks, NUL, huge and negative numbers,
impossible dates, markup, missing fields) by a persona allowed to use it. Never a server
error; and a form sent back with its errors (an invalid input) has changed nothing. The other
way round, valid values generated for a staff form (the client record) and a public one (the
survey behind its link) are stored exactly as given.

A few examples a page in `make test`; a long run is one command away:

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/core/test_fuzz_forms.py
"""

import os
import re

import pytest
from django.apps import apps
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PERSONAS
from tests.core.test_role_matrix import MATRIX, OK

settings.register_profile(
    "ci",
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
settings.register_profile(
    "long",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

HOSTILE = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "99999999999999999999999",
            "-99999999999999999999999",
            "1e309",
            "NaN",
            "2027-02-30",
            "0001-01-01",
            "9999-12-31",
            "31.12.2027",
            "<script>alert(1)</script>",
            "'; DROP TABLE people_client; --",
            "ä" * 5000,
            "\u202eevil",
            "😀" * 50,
            "\x00",
            "on",
            "true",
        ]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)
# Text a person could type: anything but NUL and broken surrogate halves, which are not text
# (the product drops them, so they cannot be "stored as given").
TYPED = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


def typed_text(max_size: int, min_size: int = 1):
    """Short, or right at the limit (where a cut would show). Stored without the white space
    around it, as forms do: generated without it."""
    near_limit = max(min_size, max_size - 3)
    return (
        st.one_of(
            st.text(TYPED, min_size=min_size, max_size=min(max_size, 20)),
            st.text(TYPED, min_size=near_limit, max_size=max_size),
        )
        .map(str.strip)
        .filter(lambda text: len(text) >= min_size)
    )


def valid_answer(item):
    """What a client may answer to a feedback question: a text within its limit, one of the
    options, a value on the scale."""
    from feedback.models.instruments import SCALE_RANGE, Scale
    from feedback.services.answers import TEXT_LIMITS

    if item.scale in (Scale.SHORT_TEXT, Scale.TEXT):
        return typed_text(TEXT_LIMITS[item.scale])
    if item.scale == Scale.CHOICE:
        return st.sampled_from([option["value"] for option in item.options])
    low, high = SCALE_RANGE.get(item.scale) or item.value_range()
    return st.integers(min_value=low, max_value=high)


# Rows that a refused form may still write: the log of the page view, sessions, lockout.
NOT_DATA = {"audit.auditevent", "audit.auditchainhead", "sessions.session", "axes.accessattempt"}
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', re.IGNORECASE)
FORM_TAG = re.compile(r"<form\b[^>]*>", re.IGNORECASE)
ACTION = re.compile(r'\baction="([^"]*)"', re.IGNORECASE)


def posts_to_itself(html: str, url: str) -> bool:
    """Whether the page has a POST form sent to the page itself (not the language switch or
    the logout in the header)."""
    for tag in FORM_TAG.findall(html):
        if 'method="post"' not in tag.lower():
            continue
        action = ACTION.search(tag)
        if action is None or action.group(1) in ("", url) or action.group(1).startswith(url + "?"):
            return True
    return False


def form_pages():
    return sorted(
        name
        for name, (_kwargs, expected) in MATRIX.items()
        if OK in expected.values() and not name.startswith("kiosk:")
    )


def data_counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in NOT_DATA
    }


@pytest.mark.parametrize("name", form_pages())
def test_hostile_input_never_gives_a_server_error_and_a_refused_form_changes_nothing(
    name, world, login
):
    make_kwargs, expected = MATRIX[name]
    url = reverse(name, kwargs=make_kwargs(world) if make_kwargs else {})
    persona = next(p for p in PERSONAS if expected[p] == OK)
    browser = login(None if persona == "anonymous" else world.persona(persona))
    page = browser.get(url)
    html = page.content.decode(errors="replace")
    if page.status_code != 200 or not posts_to_itself(html, url):
        pytest.skip("no form posted to this page")
    fields = sorted(set(FIELD.findall(html)) - {"csrfmiddlewaretoken"})
    if not fields:
        pytest.skip("a form without fields")

    @given(data=st.dictionaries(st.sampled_from(fields), HOSTILE, max_size=len(fields)))
    def post(data):
        before = data_counts()
        response = browser.post(url, data)
        assert response.status_code < 500, (url, data)
        if response.status_code in (200, 400):
            # Sent back with its errors (or refused as a bad request): nothing stored.
            assert data_counts() == before, (url, data)

    post()


# --- A valid input is stored as given --------------------------------------------------------


def test_a_valid_client_record_is_stored_as_given(world, login):
    from socialwork.people.models import Client, Language

    browser = login(world.counsellor)
    url = reverse("people:client_create")

    @settings(max_examples=200 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 25)
    @given(
        first_name=typed_text(100),
        last_name=typed_text(100),
        email=st.from_regex(r"\A[a-z0-9][a-z0-9.]{0,20}@[a-z]{1,15}\.fi\Z") | st.just(""),
        street_address=typed_text(200, min_size=0),
        postal_code=st.from_regex(r"\A[0-9]{5}\Z"),
        post_office=typed_text(100, min_size=0),
        preferred_language=st.sampled_from(Language.values),
    )
    def create(**given_values):
        data = {**given_values, "unit": world.unit.pk, "reminder_channel": "none"}
        response = browser.post(url, data)
        assert response.status_code == 302, (data, response.content.decode()[:3000])
        stored = Client.objects.latest("pk")
        assert {name: getattr(stored, name) for name in given_values} == given_values

    create()


def test_a_valid_survey_answer_through_its_link_is_stored_as_given(world, client):
    import uuid

    from django.core.cache import cache

    from feedback.models import Answer, Response
    from tests.core.test_role_matrix import survey_token

    url = reverse("survey:start", kwargs=survey_token(world))
    page = client.get(url)
    items = list(page.context["view"].version.items.all())

    answers = st.fixed_dictionaries({}, optional={i.code: valid_answer(i) for i in items}).filter(
        bool
    )

    @settings(max_examples=200 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 25)
    @given(answers=answers)
    def answer(answers):
        cache.clear()  # the link's rate limit per address
        key = uuid.uuid4()
        response = client.post(url, {"key": str(key), **answers})
        assert response.status_code == 302, (answers, response.content.decode()[:3000])
        got = {
            a.item.code: a.text or a.value
            for a in Answer.objects.filter(response__key=key).select_related("item")
        }
        assert got == answers
        assert Response.objects.get(key=key).channel == "web"

    answer()
