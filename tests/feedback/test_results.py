"""Feedback results never show a figure resting on fewer than 5 answers, nor one that could
be worked out from other shown figures (the rule itself: tests/core/test_disclosure.py)."""

import csv
import datetime as dt
import io
import re
import uuid

import pytest
from django.utils import timezone

from feedback import selectors, services
from feedback.models import Answer, Campaign, Channel, Instrument, Response, WorkerCode
from socialwork.links.services import link_issue
from tests.utils import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_delay(settings):
    """These tests read the figures of answers just given; the delay has tests of its own."""
    settings.SOCIALWORK_RESULTS_DELAY_HOURS = 0


def give(instrument, *, unit, code=None, answers, when=None, channel=Channel.PAPER):
    version = selectors.version_current(instrument)
    key = uuid.uuid4()
    services.response_record(
        key=key,
        version=version,
        channel=channel,
        language="fi",
        answers=answers,
        unit_id=unit.pk,
        worker_code_id=code.pk if code else None,
    )
    if when is not None:
        Response.objects.filter(key=key).update(submitted_hour=when)
    return key


@pytest.fixture
def card_answers(world, card, colours):
    """Blue: 6 answers, green: 3, no colour: 0, in this month."""
    for value in (3, 3, 3, 2, 2, 1):
        give(
            card,
            unit=world.unit,
            code=colours.blue,
            answers={"q1": value, "q3": f"sininen {value}"},
        )
    for value in (1, 1, 2):
        give(card, unit=world.unit, code=colours.green, answers={"q1": value})
    return colours


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def results_url(card, world, **params):
    today = timezone.localdate()
    query = {"instrument": card.pk, "year": today.year, "unit": world.unit.pk} | params
    return "/feedback/results/?" + "&".join(f"{k}={v}" for k, v in query.items())


def test_the_unit_sees_its_figures_and_no_worker_below_five(login, world, card, card_answers):
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    page = client.get(results_url(card, world)).content.decode()
    assert "<span>9 answers</span>" in page
    green = client.get(results_url(card, world, worker=card_answers.green.pk)).content.decode()
    assert "fewer than 5 answers" in green
    assert "<span>3 answers</span>" not in green
    # Blue has 6, but showing them would reveal green's 3 by subtraction from the unit's 9.
    blue = client.get(results_url(card, world, worker=card_answers.blue.pk)).content.decode()
    assert "<span>6 answers</span>" not in blue
    assert "so that a figure of fewer than 5 answers cannot be worked out" in blue


def test_a_worker_sees_their_own_colour_and_not_a_colleagues(login, world, card, card_answers):
    for value in (3, 3):
        give(card, unit=world.unit, code=card_answers.green, answers={"q1": value})
    # Blue 6, green 5: both may be shown now.
    client = login(world.counsellor)
    client.cookies["django_language"] = "en"
    own = client.get(results_url(card, world, worker=card_answers.blue.pk)).content.decode()
    assert "<span>6 answers</span>" in own
    assert "sininen 3" in own  # the comments of their own answers
    other = client.get(results_url(card, world, worker=card_answers.green.pk)).content.decode()
    assert "<span>5 answers</span>" not in other
    assert "Select a valid choice" in other
    supervisor = login(world.supervisor)
    supervisor.cookies["django_language"] = "en"
    assert (
        "<span>5 answers</span>"
        in supervisor.get(results_url(card, world, worker=card_answers.green.pk)).content.decode()
    )


def test_others_cannot_read_another_units_results(login, world, card, card_answers):
    client = login(world.other_counsellor)
    client.cookies["django_language"] = "en"
    page = client.get(results_url(card, world)).content.decode()
    assert "<span>9 answers</span>" not in page
    assert "Select a valid choice" in page


def test_the_export_hides_the_same_figures(login, world, card, card_answers):
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    url = results_url(card, world, worker=card_answers.green.pk).replace("results/", "results.csv")
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    flat = " ".join(" ".join(row) for row in rows)
    assert "fewer than 5 answers" in flat
    assert not any(cell == "3" for row in rows for cell in row)
    whole = client.get(results_url(card, world).replace("results/", "results.csv"))
    rows = list(csv.reader(io.StringIO(whole.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Answers", "9", ""] in rows


def test_the_export_writes_no_formula_a_spreadsheet_would_run(login, world, card, card_answers):
    # Question words are typed by administrators; a cell starting with = would be a formula.
    formula = '=HYPERLINK("http://attacker.invalid/","Avaa")'
    version = selectors.version_current(card)
    version.items.filter(code="q1").update(
        number="", text={"fi": formula, "sv": formula, "en": formula}
    )
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    rows = csv_rows(client.get(results_url(card, world).replace("results/", "results.csv")))
    labels = [row[0] for row in rows]
    assert not any(label.startswith(("=", "+", "-", "@")) for label in labels)
    assert any(label.endswith(formula) and label.startswith("'") for label in labels)
    assert ["Answers", "9", ""] in rows  # figures stay numbers


def test_comments_wait_for_five_answers(login, world, card, colours):
    for value in (3, 2):
        give(
            card, unit=world.unit, code=colours.blue, answers={"q1": value, "q3": "Kiitos Annalle"}
        )
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    page = client.get(results_url(card, world)).content.decode()
    assert "Kiitos Annalle" not in page
    assert "The comments are not shown" in page


def test_a_supervisor_hides_a_comment_that_names_someone(login, world, card, card_answers):
    give(
        card,
        unit=world.unit,
        code=card_answers.blue,
        answers={"q1": 1, "q3": "Naapurini Pekka Virtanen"},
    )
    answer = Answer.objects.get(text="Naapurini Pekka Virtanen")
    hide_url = f"/feedback/comments/{answer.response.key}/{answer.item_id}/hide/"
    counsellor = login(world.counsellor)
    assert counsellor.post(hide_url).status_code == 404
    supervisor = login(world.supervisor)
    supervisor.cookies["django_language"] = "en"
    assert "Naapurini Pekka Virtanen" in supervisor.get(results_url(card, world)).content.decode()
    supervisor.post(hide_url)
    page = supervisor.get(results_url(card, world)).content.decode()
    assert "Naapurini Pekka Virtanen" not in page
    assert "<span>10 answers</span>" in page  # its answer still counts


def test_years_compare_for_the_same_month(login, world, card):
    today = timezone.localdate()
    last_year = timezone.make_aware(dt.datetime(today.year - 1, today.month, 10, 12))
    for value in (3, 3, 3, 3, 3):
        give(card, unit=world.unit, answers={"q1": value}, when=last_year)
    for value in (1, 1, 1, 1, 2, 2):
        give(card, unit=world.unit, answers={"q1": value})
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    page = client.get(results_url(card, world, month=today.month, compare="on")).content.decode()
    assert f'<th scope="col">{today.year - 1}</th>' in page
    assert "mean <strong>3.0</strong>" in page
    assert "mean <strong>1.3</strong>" in page


def test_fresh_answers_count_only_hours_later(login, world, card, settings, time_machine):
    """Taps at the tablet do not move the figure at once: one cannot subtract one's own
    answers from a figure that just changed."""
    settings.SOCIALWORK_RESULTS_DELAY_HOURS = 3
    time_machine.move_to(dt.datetime(2027, 5, 12, 10, 20, tzinfo=dt.UTC), tick=False)
    for _ in range(5):
        give(card, unit=world.unit, answers={"q1": 3}, channel=Channel.KIOSK)
    url = results_url(card, world)

    def page():
        client = login(world.supervisor)  # a fresh login: hours pass between the looks
        client.cookies["django_language"] = "en"
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    assert "<span>5 answers</span>" not in page()
    time_machine.move_to(dt.datetime(2027, 5, 12, 12, 59, tzinfo=dt.UTC), tick=False)
    assert "<span>5 answers</span>" not in page()
    time_machine.move_to(dt.datetime(2027, 5, 12, 14, 0, tzinfo=dt.UTC), tick=False)
    assert "<span>5 answers</span>" in page()


def test_a_campaign_answer_typed_in_late_counts_alike_in_every_view(login, world, card):
    """Last year's campaign; its paper forms typed in today. The year on its own and the
    year beside this one show the same figure."""
    today = timezone.localdate()
    last = Campaign.objects.create(
        instrument=card, unit=world.unit, year=today.year - 1, month=11, channels=["paper"]
    )
    for value in (1, 2, 3, 3, 3, 3):
        key = give(card, unit=world.unit, answers={"q1": value})
        Response.objects.filter(key=key).update(campaign=last)
    for _ in range(5):
        give(card, unit=world.unit, answers={"q1": 1})
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    alone = client.get(results_url(card, world, year=today.year - 1)).content.decode()
    beside = client.get(results_url(card, world, compare="on")).content.decode()
    assert "<span>6 answers</span>" in alone
    assert "mean <strong>2.5</strong>" in alone and "mean <strong>2.5</strong>" in beside
    # This year's own figure has only this year's five.
    assert "mean <strong>1.0</strong>" in beside


def test_a_campaign_compares_with_last_years_campaign_of_the_same_month(login, world, survey):
    today = timezone.localdate()
    campaigns = {
        year: Campaign.objects.create(
            instrument=survey,
            unit=world.unit,
            year=year,
            month=today.month,
            channels=["paper"],
            link=link_issue(purpose="survey"),
        )
        for year in (today.year - 1, today.year)
    }
    for year, value in ((today.year - 1, 2), (today.year, 5)):
        for _ in range(5):
            services.response_record(
                key=uuid.uuid4(),
                version=selectors.version_current(survey),
                channel=Channel.PAPER,
                language="fi",
                answers={"q1": value},
                unit_id=world.unit.pk,
                campaign=campaigns[year],
            )
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    url = results_url(survey, world, campaign=campaigns[today.year].pk, compare="on")
    page = client.get(url).content.decode()
    assert "mean <strong>2.0</strong>" in page and "mean <strong>5.0</strong>" in page


def test_results_take_the_same_queries_however_many_answers(login, world, card, colours):
    client = login(world.supervisor)
    url = results_url(card, world)
    for n in range(5):
        give(card, unit=world.unit, code=colours.blue, answers={"q1": 3, "q3": f"a{n}"})
    few = count_queries(client, url)
    for n in range(30):
        code = colours.blue if n % 2 else colours.green
        give(card, unit=world.unit, code=code, answers={"q1": 1 + n % 3, "q3": f"c{n}"})
    assert count_queries(client, url) == few


def test_a_bad_choice_gets_a_message_and_no_figures(login, world, card, card_answers):
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    for bad in ({"year": "abc"}, {"month": "13"}, {"unit": "999999"}, {"instrument": "x"}):
        response = client.get(results_url(card, world, **bad))
        assert response.status_code == 200
        page = response.content.decode()
        assert "<span>9 answers</span>" not in page
        assert "invalid-feedback" in page or "Select a valid choice" in page


def test_background_questions_are_never_broken_down_by_worker(login, world, survey, colours):
    for year in (1970, 1971, 1980, 1990, 1999, 2000):
        give(
            survey,
            unit=world.unit,
            code=colours.blue,
            answers={"bg_birth_year": year, "bg_gender": 1, "q1": 4},
        )
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    url = results_url(survey, world).replace("instrument=", "instrument=")
    unit_page = client.get(url).content.decode()
    assert "Year of birth" in unit_page or "Syntymävuosi" in unit_page
    worker_page = client.get(results_url(survey, world, worker=colours.blue.pk)).content.decode()
    assert "Syntymävuosi" not in worker_page and "Year of birth" not in worker_page
    assert WorkerCode.objects.count() == 2


def test_a_changed_question_makes_a_new_version_and_only_unchanged_ones_compare(login, world, card):
    old = selectors.version_current(card)
    for value in (3, 3, 3, 3, 3):
        give(card, unit=world.unit, answers={"q1": value, "q2": 1})
    new = services.version_copy(version=old, actor=world.administrator)
    assert new.number == old.number + 1 and new.items.count() == old.items.count()
    changed = new.items.get(code="q2")
    changed.text = changed.text | {"fi": "Miten tapaaminen sujui?"}
    changed.save()
    for value in (1, 1, 1, 1, 1):
        give(card, unit=world.unit, answers={"q1": value, "q2": 3})
    # The old version's words are as they were, its answers with them.
    assert old.items.get(code="q2").text["fi"] == "Mitä mieltä olit tapaamisesta?"
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    page = client.get(results_url(card, world, version=new.pk)).content.decode()
    # q1 did not change: both versions' ten answers; q2 did: only the new version's five.
    assert page.count("<span>10 answers</span>") >= 1
    assert "mean <strong>2.0</strong>" in page  # q1 over both versions
    assert "mean <strong>3.0</strong>" in page  # the new q2 only
    assert "mean <strong>1.0</strong>" not in page


def test_hiding_a_comment_never_sends_the_user_to_another_site(login, world, card, card_answers):
    answer = Answer.objects.filter(text__startswith="sininen").first()
    response = login(world.supervisor).post(
        f"/feedback/comments/{answer.response.key}/{answer.item_id}/hide/",
        {"next": "https://evil.example/"},
    )
    assert response["Location"] == "/feedback/results/"
    answer.refresh_from_db()
    assert answer.hidden


def test_the_bars_are_drawn_in_finnish_too(login, world, card, card_answers):
    """Finnish writes 33,33 with a comma; a bar drawn with that would be empty."""
    client = login(world.supervisor)
    client.cookies["django_language"] = "fi"
    page = client.get(results_url(card, world)).content.decode()
    rects = re.findall(r'<rect x="([^"]*)" y="0" width="([^"]*)"', page)
    assert rects, "no bars drawn"
    for x, width in rects:
        float(x), float(width)  # raises on "33,33"
    # The first question's bar fills the width: 3 + 3 + 3 of 9 answers, 33,33 % each.
    first = [float(width) for x, width in rects[:3]]
    assert sum(first) == pytest.approx(100, abs=0.1)


def test_a_link_naming_only_the_instrument_shows_figures(login, world, card, card_answers):
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    page = client.get(f"/feedback/results/?instrument={card.pk}").content.decode()
    assert "This field is required" not in page
    assert "<span>9 answers</span>" in page


def test_a_sections_mean_never_gives_away_a_hidden_question(login, world, survey):
    """Eleven answer question 1 with a 4; one of them also answers question 2 with a 1. The
    section's mean over both would tell that one answer: the section hides with question 2."""
    for _ in range(10):
        give(survey, unit=world.unit, answers={"q1": 4})
    give(survey, unit=world.unit, answers={"q1": 4, "q2": 1})
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    rows = csv_rows(client.get(results_url(survey, world).replace("results/?", "results.csv?")))
    by_label = {row[0]: row[1:] for row in rows}
    section = next(v for label, v in by_label.items() if label.startswith("Accessibility"))
    q2 = next(v for label, v in by_label.items() if label.startswith("2."))
    assert q2[0] == section[0] == "fewer than 5 answers"


def test_comments_show_no_date_and_come_in_no_order_of_time(login, world, card, colours):
    for n in range(6):
        give(card, unit=world.unit, code=colours.blue, answers={"q1": 3, "q3": f"kommentti {n}"})
    client = login(world.counsellor)
    client.cookies["django_language"] = "en"
    page = client.get(results_url(card, world, worker=colours.blue.pk)).content.decode()
    month_name = timezone.localdate().strftime("%B")
    comments = page[page.index('id="comments"') :]
    assert "kommentti 5" in comments and month_name not in comments
    order = [int(n) for n in re.findall(r"kommentti (\d)", comments)]
    keys = dict(Answer.objects.exclude(text="").values_list("text", "response__key"))
    assert order == sorted(order, key=lambda n: str(keys[f"kommentti {n}"]))


def test_people_who_only_wrote_a_comment_are_counted_and_protected(login, world, card, colours):
    """Blue: six answers with a rating; green: two people wrote a comment and rated nothing.
    The unit counts eight, and green's two comments are not in the unit's view alone."""
    for n in range(6):
        give(card, unit=world.unit, code=colours.blue, answers={"q1": 3, "q3": f"sininen {n}"})
    for n in range(2):
        give(card, unit=world.unit, code=colours.green, answers={"q3": f"vihreä {n}"})
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    unit_page = client.get(results_url(card, world)).content.decode()
    assert "<span>8 answers</span>" in unit_page and "vihreä 0" in unit_page
    # Blue's 6 people would tell that 2 outside blue wrote the unit's other comments.
    blue = results_url(card, world, worker=colours.blue.pk)
    answers = next(
        r
        for r in csv_rows(client.get(blue.replace("results/?", "results.csv?")))
        if r[0] == "Answers"
    )
    assert answers[1] == "fewer than 5 answers"
    assert "sininen 0" not in client.get(blue).content.decode()


def test_feedback_after_a_meeting_is_not_counted_as_lobby_cards(login, world, card, colours):
    """The oral questions are the card's questions word for word; they stay apart."""
    oral = Instrument.objects.get(code="oral")
    for _ in range(5):
        give(oral, unit=world.unit, answers={"q1": 1, "q3": "suullinen"})
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    card_page = client.get(results_url(card, world)).content.decode()
    assert "no answers" in card_page and "suullinen" not in card_page
    oral_page = client.get(results_url(oral, world)).content.decode()
    assert "<span>5 answers</span>" in oral_page and "suullinen" in oral_page


def test_the_campaign_list_shows_no_counts_to_subtract(login, world, card):
    """April: 10 answers in the campaign, 3 outside it. The results page hides the campaign
    (13 - 10 = 3); a count on the campaign list must not undo that."""
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        instrument=card, unit=world.unit, year=today.year, month=today.month, channels=["paper"]
    )
    for _ in range(10):
        key = give(card, unit=world.unit, answers={"q1": 3}, channel=Channel.PAPER)
        Response.objects.filter(key=key).update(campaign=campaign)
    for _ in range(3):
        give(card, unit=world.unit, answers={"q1": 1})
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    listing = client.get("/feedback/campaigns/").content.decode()
    assert not re.search(r">\s*10\s*<", listing)
    link = re.search(r'href="(/feedback/results/\?[^"]*campaign=[^"]*)"', listing).group(1)
    page = client.get(link.replace("&amp;", "&")).content.decode()
    assert "<span>10 answers</span>" not in page and "fewer than 5 answers" in page
    # Another unit's worker gets no link into this unit's campaign.
    other = login(world.other_counsellor)
    assert f"campaign={campaign.pk}" not in other.get("/feedback/campaigns/").content.decode()


def test_many_comments_are_read_a_page_at_a_time(login, world, card, colours):
    for n in range(30):
        give(card, unit=world.unit, code=colours.blue, answers={"q1": 3, "q3": f"kommentti {n}"})
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    first = client.get(results_url(card, world)).content.decode()
    second = client.get(results_url(card, world, page=2)).content.decode()
    on_first = set(re.findall(r"kommentti \d+", first))
    on_second = set(re.findall(r"kommentti \d+", second))
    assert len(on_first) == 25 and len(on_second) == 5 and not on_first & on_second
    assert "Page 1 of 2" in first


def test_a_section_of_choices_alone_shows_its_questions_without_a_mean(login, world, survey):
    from feedback.models import Item, Scale

    version = selectors.version_current(survey)
    Item.objects.create(
        version=version,
        code="q99",
        number="99.",
        order=999,
        section="contact",
        section_title={"fi": "Yhteydenotto", "sv": "Kontakt", "en": "Contact"},
        scale=Scale.CHOICE,
        text={"fi": "Miten asioit?", "sv": "Hur?", "en": "How did you deal with us?"},
        options=[{"value": 1, "text": {"fi": "Käynti", "en": "Visit"}}],
    )
    services.answers._spec_cache.clear()  # an edit shows within a minute; the test does not wait
    for _ in range(5):
        give(survey, unit=world.unit, answers={"q1": 4, "q99": 1})
    client = login(world.supervisor)
    client.cookies["django_language"] = "en"
    response = client.get(results_url(survey, world))
    assert response.status_code == 200
    assert "How did you deal with us?" in response.content.decode()
