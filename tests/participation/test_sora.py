"""Social reporting (SORA): a report from any staff member, alone or as a team, that is
about phenomena and never holds personal details; read, counted and processed by
supervisors (their units) and management; collections with invitations and a reminder.
Each test sets its own "now"."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from participation import services
from participation.models import Collection, Report, ReportingMeeting, Theme
from socialwork.audit.models import AuditEvent
from socialwork.core.schedules import HELSINKI
from socialwork.messaging.models import Message
from socialwork.people.models import Role
from socialwork.people.services import role_assign
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 10, 10, tzinfo=HELSINKI)


@pytest.fixture(autouse=True)
def _now():
    """Every test here runs on its own "now" (a test may travel on from it): the dates
    below stay where they are, whatever day the suite runs."""
    with time_machine.travel(NOW, tick=False):
        yield


def housing():
    # The migration's theme (a transactional test empties the tables after it: made again).
    return Theme.objects.get_or_create(
        name_fi="Asuminen", defaults={"name_sv": "Boende", "name_en": "Housing"}
    )[0]


def answer(**extra):
    data = {
        "concerns": "Nuoret eivät löydä vuokra-asuntoa, jonot ovat pitkiä.",
        "positives": "",
        "signal": "concern",
        "themes": [housing().pk],
        "client_group": "young_adults",
        "proposal": "Yhteistyö vuokrataloyhtiön kanssa.",
        "answer_as": "alone",
    }
    return data | extra


def send(actor, unit, **extra):
    data = {
        "signal": "concern",
        "client_group": "housing",
        "themes": [housing()],
        "concerns": "Asuntoja on liian vähän.",
    }
    return services.report_send(actor=actor, unit=unit, **(data | extra))


def test_the_form_asks_seed_004s_questions_verbatim_in_finnish_and_marks_a_translation(
    world, login
):
    browser = login(world.counsellor)
    page = browser.get(reverse("participation:sora_answer")).content.decode()
    assert "Toistuvatko tai vaivaavatko tietyt asiat tai ongelmat" in page
    assert "Oletko havainnut myönteisiä ilmiöitä ja kehityskulkuja" in page
    browser.cookies["django_language"] = "en"
    english = browser.get(reverse("participation:sora_answer")).content.decode()
    assert "Have you observed positive phenomena" in english
    assert "Translated from the Finnish original" in english
    assert "Oletko havainnut myönteisiä ilmiöitä" in english


def test_a_counsellor_sends_a_report_alone_and_sees_it_among_their_own(world, login):
    with time_machine.travel(NOW, tick=False):
        browser = login(world.counsellor)
        response = browser.post(reverse("participation:sora_answer"), answer())
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.author == world.counsellor and report.unit == world.unit
    assert not report.team_name and list(report.themes.all()) == [housing()]
    assert AuditEvent.objects.filter(action="create", object_id=str(report.pk)).exists()
    home = browser.get(reverse("participation:sora")).content.decode()
    assert "10.3.2027" in home


@pytest.mark.parametrize(
    "text, what",
    [
        ("Asiakas 131052-308T ei saa asuntoa", "personal identity code"),
        ("Soittakaa 040 123 4567", "phone number"),
        ("Kirjoita maija.m@example.fi", "e-mail address"),
    ],
)
def test_a_report_with_personal_details_is_refused_saying_what_to_remove(world, login, text, what):
    browser = login(world.counsellor)
    browser.cookies["django_language"] = "en"
    response = browser.post(reverse("participation:sora_answer"), answer(concerns=text))
    assert response.status_code == 200
    page = response.content.decode()
    assert "not about a client" in page and what in page
    assert not Report.objects.exists()


def test_a_date_and_a_wrong_check_character_are_not_taken_for_an_identity_code(world, login):
    browser = login(world.counsellor)
    text = "Jonossa 12.03.2027 oli 15 nuorta. Lomakkeen numero 131052-308X."
    response = browser.post(reverse("participation:sora_answer"), answer(concerns=text))
    assert response.status_code == 302
    assert Report.objects.get().concerns == text


def test_the_service_refuses_personal_details_too(world):
    with translation.override("en"), pytest.raises(ValidationError, match="not about a client"):
        send(world.counsellor, world.unit, proposal="Soita 040 123 4567")
    assert not Report.objects.exists()


def test_a_team_answers_once_and_the_report_counts_for_every_member(world, login):
    browser = login(world.counsellor)
    response = browser.post(
        reverse("participation:sora_answer"),
        answer(
            answer_as="team", team_name="Aikuissosiaalityön tiimi", team=[world.social_worker.pk]
        ),
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.team_name == "Aikuissosiaalityön tiimi"
    assert list(report.team.all()) == [world.social_worker]
    # The team's other member finds it among what they sent.
    page = login(world.social_worker).get(reverse("participation:sora")).content.decode()
    assert "Aikuissosiaalityön tiimi" in page


def test_a_team_without_its_name_or_members_is_asked_for_them(world, login):
    browser = login(world.counsellor)
    browser.cookies["django_language"] = "en"
    page = browser.post(
        reverse("participation:sora_answer"), answer(answer_as="team")
    ).content.decode()
    assert "Name the team that answers." in page
    assert "Choose the team&#x27;s other members." in page
    assert not Report.objects.exists()


def test_an_empty_report_stores_nothing(world, login):
    browser = login(world.counsellor)
    browser.cookies["django_language"] = "en"
    response = browser.post(
        reverse("participation:sora_answer"), answer(concerns="  ", themes=[], signal="x")
    )
    page = response.content.decode()
    assert "Answer at least one of the two questions." in page
    assert "Choose at least one theme." in page
    assert not Report.objects.exists()


def test_a_supervisor_reads_their_units_reports_and_management_every_one(world, login):
    mine = send(world.counsellor, world.unit, concerns="Koivulan havainto")
    other = send(world.other_counsellor, world.other_unit, concerns="Rantakylän havainto")
    supervised = login(world.supervisor).get(reverse("participation:sora_reports")).content
    assert "Koivulan havainto" in supervised.decode()
    assert "Rantakylän havainto" not in supervised.decode()
    assert (
        login(world.supervisor)
        .get(reverse("participation:sora_report", args=[other.pk]))
        .status_code
        == 404
    )
    everything = login(world.management).get(reverse("participation:sora_reports")).content
    assert (
        "Koivulan havainto" in everything.decode() and "Rantakylän havainto" in everything.decode()
    )
    assert mine.pk != other.pk


def test_counts_by_theme_and_month_are_shown_and_a_units_small_counts_hidden(world, login):
    with time_machine.travel(NOW, tick=False):
        for n in range(6):
            send(world.counsellor, world.unit, concerns=f"Havainto {n}")
        send(world.other_counsellor, world.other_unit, signal="positive", positives="Hyvä")
    browser = login(world.management)
    browser.cookies["django_language"] = "en"
    response = browser.get(reverse("participation:sora_reports"))
    counts = response.context["counts"]
    assert counts.total == 7
    assert counts.by_theme == [("Housing", 6, 1)]
    assert counts.by_month == [(date(2027, 3, 1), 6, 1)]
    by_unit = {name: (c, p, total) for name, c, p, total in counts.by_unit}
    # One report alone would tell who wrote it: hidden. With the total of seven shown, the
    # other unit's six would give it back: hidden too, to protect it.
    assert by_unit[world.other_unit.name][1].hidden
    assert by_unit[world.other_unit.name][2].hidden
    concerns, _positives, total = by_unit[world.unit.name]
    assert concerns.hidden and concerns.secondary and total.hidden
    # Enough reports in both units: every figure shown.
    with time_machine.travel(NOW, tick=False):
        for _n in range(5):
            send(world.other_counsellor, world.other_unit, signal="positive", positives="Hyvä")
            send(world.other_counsellor, world.other_unit, concerns="Huoli")
    counts = browser.get(reverse("participation:sora_reports")).context["counts"]
    by_unit = {name: (c, p, total) for name, c, p, total in counts.by_unit}
    assert by_unit[world.unit.name][0].figure.n == 6
    assert [shown.figure.n for shown in by_unit[world.other_unit.name]] == [5, 6, 11]


def test_a_report_is_processed_with_what_was_done_and_the_meeting_that_handled_it(world, login):
    report = send(world.counsellor, world.unit)
    meeting = ReportingMeeting.objects.create(
        held_on=date(2027, 3, 15), unit=world.unit, created_by=world.supervisor
    )
    browser = login(world.supervisor)
    response = browser.post(
        reverse("participation:sora_report", args=[report.pk]),
        {
            "processed": "on",
            "action_taken": "Viety asuntotoimelle.",
            "meeting": meeting.pk,
            "quotable": "on",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.processed_by == world.supervisor and report.processed_at
    assert report.action_taken == "Viety asuntotoimelle." and report.meeting == meeting
    assert report.quotable


def test_a_meeting_keeps_its_minutes_and_the_reports_it_handled(world, login):
    first, second = send(world.counsellor, world.unit), send(world.counsellor, world.unit)
    browser = login(world.supervisor)
    response = browser.post(
        reverse("participation:sora_meeting_new"),
        {
            "held_on": "2027-03-15",
            "unit": world.unit.pk,
            "minutes": "Käsiteltiin asumisen ongelmat.",
            "reports": [first.pk],
        },
    )
    assert response.status_code == 302
    meeting = ReportingMeeting.objects.get()
    assert list(meeting.reports.all()) == [first]
    second.refresh_from_db()
    assert second.meeting is None
    minutes = browser.post(
        reverse("participation:sora_meeting_new"),
        {"held_on": "2027-03-16", "unit": world.unit.pk, "minutes": "Soita 040 123 4567"},
    )
    assert minutes.status_code == 200 and ReportingMeeting.objects.count() == 1


def test_a_collection_invites_by_e_mail_and_reminds_those_who_have_not_answered(world, login):
    for user, address in (
        (world.counsellor, "sanna@example.fi"),
        (world.social_worker, "sami@example.fi"),
    ):
        user.email = address
        user.save()
    with time_machine.travel(NOW, tick=False):
        browser = login(world.supervisor)
        response = browser.post(
            reverse("participation:sora_collection_new"),
            {
                "title": "Nuorten asuminen keväällä 2027",
                "opens_on": "2027-03-10",
                "closes_on": "2027-03-20",
                "remind_days_before": 3,
                "units": [world.unit.pk],
                "theme": housing().pk,
            },
        )
    assert response.status_code == 302
    collection = Collection.objects.get()
    invitations = Message.objects.filter(purpose="participation.collection_invitation")
    assert {m.recipient for m in invitations} >= {"sanna@example.fi", "sami@example.fi"}
    assert "Nuorten asuminen keväällä 2027" in invitations.get(recipient="sanna@example.fi").text
    # The counsellor answers in the collection; the theme is chosen already.
    with time_machine.travel(NOW, tick=False):
        page = login(world.counsellor).get(
            reverse("participation:sora_answer_collection", args=[collection.pk])
        )
        assert page.context["form"].initial["themes"] == [housing().pk]
        login(world.counsellor).post(
            reverse("participation:sora_answer_collection", args=[collection.pk]), answer()
        )
    assert Report.objects.get().collection == collection
    # Three days before it closes, only the one who has not answered is reminded, once.
    with time_machine.travel(datetime(2027, 3, 16, 8, tzinfo=HELSINKI), tick=False):
        assert services.collections_notify() == 0
    with time_machine.travel(datetime(2027, 3, 17, 8, tzinfo=HELSINKI), tick=False):
        services.collections_notify()
        services.collections_notify()
    reminded = Message.objects.filter(purpose="participation.collection_reminder")
    assert "sami@example.fi" in {m.recipient for m in reminded}
    assert "sanna@example.fi" not in {m.recipient for m in reminded}
    assert reminded.filter(recipient="sami@example.fi").count() == 1


def test_a_closed_collection_or_one_that_does_not_invite_you_is_not_found(world, login):
    collection = Collection.objects.create(
        title="Syksyn keruu",
        opens_on=date(2027, 9, 1),
        closes_on=date(2027, 9, 30),
        created_by=world.supervisor,
    )
    collection.units.add(world.unit)
    url = reverse("participation:sora_answer_collection", args=[collection.pk])
    with time_machine.travel(NOW, tick=False):
        assert login(world.counsellor).get(url).status_code == 404
    with time_machine.travel(datetime(2027, 9, 2, 10, tzinfo=HELSINKI), tick=False):
        assert login(world.counsellor).get(url).status_code == 200
        assert login(world.other_counsellor).get(url).status_code == 404


def test_a_supervisor_cannot_invite_units_they_do_not_lead(world, login):
    browser = login(world.supervisor)
    response = browser.post(
        reverse("participation:sora_collection_new"),
        {
            "title": "Keruu",
            "opens_on": "2027-03-10",
            "closes_on": "2027-03-20",
            "remind_days_before": 3,
            "units": [world.other_unit.pk],
        },
    )
    assert response.status_code == 200 and not Collection.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "participation:sora_reports",
        "participation:sora_collections",
        "participation:sora_meetings",
        "participation:sora",
    ],
)
def test_the_lists_query_count_is_flat(world, login, django_assert_max_num_queries, name):
    send(world.counsellor, world.unit)
    browser = login(world.supervisor if name != "participation:sora" else world.counsellor)
    url = reverse(name)
    with django_assert_max_num_queries(60) as few:
        assert browser.get(url).status_code == 200
    colleague = UserFactory(username="kollega")
    role_assign(actor=None, user=colleague, role=Role.COUNSELLOR, unit=world.unit)
    for n in range(12):
        report = send(world.counsellor, world.unit, team_name=f"Tiimi {n}", team=[colleague])
        meeting = ReportingMeeting.objects.create(
            held_on=date(2027, 3, 1), unit=world.unit, created_by=world.supervisor
        )
        report.meeting = meeting
        report.save()
        collection = Collection.objects.create(
            title=f"Keruu {n}",
            opens_on=date(2027, 1, 1),
            closes_on=date(2027, 1, 31),
            created_by=world.supervisor,
        )
        collection.units.add(world.unit)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert browser.get(url).status_code == 200


def test_the_demo_has_a_year_of_reports_in_two_collections_and_one_open_now(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    assert Collection.objects.count() == 3
    closed = Collection.objects.exclude(reports=None).distinct()
    assert closed.count() == 2
    assert Report.objects.count() == 44
    assert Report.objects.exclude(team_name="").exists()
    assert Report.objects.filter(processed_at__isnull=False, meeting__isnull=False).exists()
    today = timezone.localdate()
    assert Collection.objects.filter(opens_on__lte=today, closes_on__gte=today).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_summary_for_decision_makers_is_a_pdf_with_themes_quotations_and_proposals(
    world, login, language
):
    from socialwork.documents.models import Document
    from tests.utils import pdf_text

    with time_machine.travel(NOW, tick=False):
        for n in range(6):
            report = send(
                world.counsellor,
                world.unit,
                concerns=f"Nuoret jäävät asuntojonoon {n}.",
                proposal="Yhteinen asumisneuvoja." if n == 0 else "",
            )
        report.quotable = True
        report.action_taken = "Viety asuntotoimelle."
        report.save()
        send(world.other_counsellor, world.other_unit, signal="positive", positives="Hyvä")
        browser = login(world.management)
        response = browser.post(
            reverse("participation:sora_summary"), {"year": 2027, "language": language}
        )
        assert response.status_code == 302
        # A double click asks once.
        browser.post(reverse("participation:sora_summary"), {"year": 2027, "language": language})
    document = Document.objects.get(kind="participation.sora_summary")
    assert document.is_ready  # made by the task (eager in the tests)
    pdf = browser.get(reverse("participation:sora_summary_file", args=[document.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content)
    words = {
        "fi": ("Sosiaalinen raportointi 2027", "Asuminen", "piilotettu"),
        "sv": ("Social rapportering 2027", "Boende", "dold"),
    }[language]
    for word in words:
        assert word in text, word
    assert "Nuoret jäävät asuntojonoon 5." in text  # the chosen quotation
    assert "Yhteinen asumisneuvoja." in text
    # Someone else cannot download it.
    assert (
        login(world.supervisor)
        .get(reverse("participation:sora_summary_file", args=[document.pk]))
        .status_code
        == 404
    )


def test_a_summary_of_a_year_not_offered_stores_nothing(world, login):
    from socialwork.documents.models import Document

    browser = login(world.management)
    browser.cookies["django_language"] = "en"
    response = browser.post(reverse("participation:sora_summary"), {"year": 1999, "language": "de"})
    assert response.status_code == 400
    assert "That choice is not available" in response.content.decode()
    assert not Document.objects.exists()


def test_a_teams_few_reports_are_hidden_in_the_breakdown_by_team(world, login):
    with time_machine.travel(NOW, tick=False):
        for n in range(6):
            send(world.counsellor, world.unit, team_name="Aikuistiimi", concerns=f"Huoli {n}")
        send(world.counsellor, world.unit, team_name="Nuorten tiimi", concerns="Yksi huoli")
        send(world.counsellor, world.unit, concerns="Yksin lähetetty")
    counts = login(world.supervisor).get(reverse("participation:sora_reports")).context["counts"]
    by_team = {name: rest for name, *rest in counts.by_team}
    # Reports sent alone are no team's; the team of one report is hidden, and so is the
    # other team's figure that would give it back from the total.
    assert set(by_team) == {"Aikuistiimi", "Nuorten tiimi"}
    assert by_team["Nuorten tiimi"][0].hidden and by_team["Aikuistiimi"][0].hidden


def test_the_service_refuses_a_client_group_it_does_not_know(world):
    with translation.override("en"), pytest.raises(ValidationError, match="whom it concerns"):
        send(world.counsellor, world.unit, client_group="Matti Meikäläinen")
    assert not Report.objects.exists()
