"""The evaluation after every session: entered with a facilitator or by the participant with
the session code, the group's figures, who reads individual answers, and the final
evaluation."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from groups import selectors, services
from groups.models import (
    Attendance,
    Enrolment,
    EvaluationCode,
    EvaluationQuestion,
    FinalEvaluation,
    SessionEvaluation,
)
from groups.services import enrolment_add
from socialwork.audit.models import AuditEvent
from socialwork.links.models import SecretLink
from socialwork.links.services import link_issue
from socialwork.people.models import Role, RoleAssignment
from tests.factories import ClientFactory, UserFactory
from tests.factories.groups import make_run
from tests.utils import count_queries, visitor

SELF = SessionEvaluation.Channel.SELF
WITH_FACILITATOR = SessionEvaluation.Channel.WITH_FACILITATOR


@pytest.fixture
def evaluated(world):
    """A group with two participants; its first session was held in September."""
    run = make_run(unit=world.unit, facilitators=[world.counsellor])
    first = enrolment_add(actor=world.counsellor, run=run, client=world.client)
    second = enrolment_add(
        actor=world.counsellor, run=run, client=ClientFactory(unit=world.unit, first_name="Aino")
    )
    session = run.sessions.order_by("starts_at").first()
    questions = {q.kind: q for q in selectors.evaluation_questions(run)}
    return run, session, first, second, questions


def answers(questions, face=3, progress=4, comment=""):
    result = {
        questions[EvaluationQuestion.Kind.FACES_3]: face,
        questions[EvaluationQuestion.Kind.SCALE_5]: progress,
    }
    if comment:
        result[questions[EvaluationQuestion.Kind.TEXT]] = comment
    return result


def english(client):
    """Page texts in English for the assertions (Finnish is the default)."""
    client.cookies["django_language"] = "en"
    return client


def open_code(session, minutes=60):
    link = link_issue(purpose="session-code", valid_for=timedelta(minutes=minutes))
    return EvaluationCode.objects.create(session=session, link=link)


# --- Services ------------------------------------------------------------------------------


def test_the_default_questions_come_in_three_languages(evaluated):
    *_rest, questions = evaluated
    face = questions[EvaluationQuestion.Kind.FACES_3]
    assert face.text("fi") == "Millainen tämä tapaaminen oli sinulle?"
    assert face.text("sv") == "Hur var den här träffen för dig?"
    assert face.text("en") == "How was this session for you?"
    assert not questions[EvaluationQuestion.Kind.TEXT].required


def test_an_evaluation_is_stored_with_its_answers_and_audited(world, evaluated):
    _run, session, first, _second, questions = evaluated
    evaluation = services.evaluation_record(
        actor=world.counsellor,
        session=session,
        enrolment=first,
        answers=answers(questions, face=2, progress=5, comment="Hyvä päivä"),
        channel=WITH_FACILITATOR,
    )
    with translation.override("en"):
        stored = {a.question.kind: a.display for a in evaluation.answers.select_related("question")}
    assert stored == {"faces_3": "Okay", "scale_5": "5 / 5", "text": "Hyvä päivä"}
    event = AuditEvent.objects.filter(object_id=str(first.pk)).latest("at")
    assert event.changed_fields == ["session_evaluation"] and event.actor == world.counsellor


@pytest.mark.parametrize(
    "bad",
    [
        {"face": None},  # a required answer missing
        {"face": 4},  # not one of the three faces
        {"progress": 0},
        {"progress": "lots"},
        {"comment": "x" * 1001},
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(world, evaluated, bad):
    _run, session, first, _second, questions = evaluated
    values = {"face": 3, "progress": 4, "comment": ""} | bad
    given = answers(questions, progress=values["progress"], comment=values["comment"])
    given[questions[EvaluationQuestion.Kind.FACES_3]] = values["face"]
    with pytest.raises(ValidationError):
        services.evaluation_record(session=session, enrolment=first, answers=given, channel=SELF)
    assert not SessionEvaluation.objects.exists()


def test_a_participant_evaluates_a_session_once(world, evaluated):
    _run, session, first, _second, questions = evaluated
    services.evaluation_record(
        session=session, enrolment=first, answers=answers(questions), channel=SELF
    )
    with translation.override("en"), pytest.raises(ValidationError, match="already been"):
        services.evaluation_record(
            session=session, enrolment=first, answers=answers(questions, face=1), channel=SELF
        )
    # Nor may a facilitator overwrite what the participant said themselves.
    with translation.override("en"), pytest.raises(ValidationError, match="themselves"):
        services.evaluation_record(
            actor=world.counsellor,
            session=session,
            enrolment=first,
            answers=answers(questions, face=1),
            channel=WITH_FACILITATOR,
        )
    assert SessionEvaluation.objects.count() == 1
    assert (
        session.evaluations.get().answers.get(value__isnull=False, question__kind="faces_3").value
        == 3
    )


def test_a_facilitator_may_correct_what_they_entered(world, evaluated):
    _run, session, first, _second, questions = evaluated
    for face in (1, 3):
        services.evaluation_record(
            actor=world.counsellor,
            session=session,
            enrolment=first,
            answers=answers(questions, face=face),
            channel=WITH_FACILITATOR,
        )
    evaluation = SessionEvaluation.objects.get()
    assert evaluation.answers.get(question__kind="faces_3").value == 3
    assert evaluation.answers.count() == 2


def test_who_and_when_may_be_evaluated(world, evaluated):
    run, session, first, _second, questions = evaluated
    elsewhere = make_run(unit=world.unit, facilitators=[world.counsellor], name="Toinen")
    stranger = enrolment_add(actor=world.counsellor, run=elsewhere, client=world.client)
    future = run.sessions.order_by("-starts_at").first()
    future.starts_at = timezone.now() + timedelta(days=3)
    future.ends_at = future.starts_at + timedelta(hours=2)
    future.save()
    cancelled = run.sessions.order_by("starts_at")[1]
    services.session_cancel(actor=world.counsellor, session=cancelled, reason="Sairastuminen")
    cases = [
        (session, stranger, "not in the session's group"),
        (future, first, "once it has started"),
        (cancelled, first, "cancelled"),
    ]
    for target, enrolment, message in cases:
        with translation.override("en"), pytest.raises(ValidationError, match=message):
            services.evaluation_record(
                session=target, enrolment=enrolment, answers=answers(questions), channel=SELF
            )
    assert not SessionEvaluation.objects.exists()


def test_a_new_code_closes_the_previous_one_and_expires(world, evaluated):
    _run, session, *_rest = evaluated
    first = services.evaluation_code_open(actor=world.counsellor, session=session, minutes=30)
    second = services.evaluation_code_open(actor=world.counsellor, session=session, minutes=60)
    assert selectors.evaluation_code_open(visitor(), first.code) is None
    assert selectors.evaluation_code_open(visitor(), second.code.lower()) == second
    assert (
        selectors.evaluation_code_open(visitor(), f" {second.code[:3]}-{second.code[3:]} ")
        == second
    )
    assert timedelta(minutes=59) < second.expires_at - timezone.now() <= timedelta(minutes=60)
    SecretLink.objects.filter(evaluation_code=second).update(expires_at=timezone.now())
    assert selectors.evaluation_code_open(visitor(), second.code) is None
    with pytest.raises(ValidationError):
        services.evaluation_code_open(actor=world.counsellor, session=session, minutes=7)


def test_only_the_sessions_participants_can_use_its_code(world, evaluated):
    run, session, first, second, _questions = evaluated
    absent = enrolment_add(actor=world.counsellor, run=run, client=ClientFactory(unit=world.unit))
    services.attendance_mark(
        actor=world.counsellor, session=session, enrolment=absent, status=Attendance.Status.ABSENT
    )
    left = enrolment_add(actor=world.counsellor, run=run, client=ClientFactory(unit=world.unit))
    services.enrolment_update(
        actor=world.counsellor, enrolment=left, status=Enrolment.Status.DROPPED_OUT
    )
    assert {e for e, _done in selectors.code_participants(session)} == {first, second}


# --- The participant with the session code ------------------------------------------------


def test_a_participant_evaluates_with_the_code_without_logging_in(world, evaluated, client):
    _run, session, first, _second, questions = evaluated
    code = open_code(session)
    english(client)
    response = client.post(reverse("evaluate:code_entry"), {"code": code.code.lower()})
    assert response.status_code == 302
    names = client.get(response["Location"]).content.decode()
    # First names and an initial only, on a page anyone with the code can open.
    assert f"{first.client.first_name} {first.client.last_name[0]}." in names
    assert first.client.last_name not in names
    url = reverse("evaluate:self_evaluation", args=[code.code, first.pk])
    face, progress, text = (questions[k].pk for k in ("faces_3", "scale_5", "text"))
    response = client.post(url, {f"q{face}": "3", f"q{progress}": "2", f"q{text}": ""})
    assert response["Location"] == reverse("evaluate:code_thanks", args=[code.code])
    evaluation = SessionEvaluation.objects.get()
    assert (evaluation.enrolment, evaluation.channel, evaluation.entered_by) == (first, SELF, None)
    # The way back goes to the list, not to the answers.
    again = client.get(url)
    assert again.status_code == 302
    assert "evaluated, thank you" in client.get(again["Location"]).content.decode()


def test_a_missing_answer_gets_a_message_in_the_participants_language(evaluated, client):
    _run, session, first, _second, questions = evaluated
    code = open_code(session)
    client.cookies["django_language"] = "sv"
    url = reverse("evaluate:self_evaluation", args=[code.code, first.pk])
    page = client.get(url).content.decode()
    assert "Hur var den här träffen för dig?" in page
    response = client.post(url, {f"q{questions['scale_5'].pk}": "4"})
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert not SessionEvaluation.objects.exists()


def test_a_wrong_or_expired_code_opens_nothing(evaluated, client):
    _run, session, first, *_rest = evaluated
    code = open_code(session)
    english(client)
    SecretLink.objects.filter(evaluation_code=code).update(expires_at=timezone.now())
    for url in (
        reverse("evaluate:code_participants", args=[code.code]),
        reverse("evaluate:self_evaluation", args=[code.code, first.pk]),
        reverse("evaluate:code_participants", args=["ZZZZZZ"]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "no longer valid" in response.content.decode()
    response = client.post(reverse("evaluate:code_entry"), {"code": code.code})
    assert response.status_code == 200 and "no longer valid" in response.content.decode()


def test_a_participant_of_another_group_cannot_use_the_code(world, evaluated, client):
    _run, session, *_rest = evaluated
    elsewhere = make_run(unit=world.unit, facilitators=[world.counsellor], name="Toinen")
    outsider = enrolment_add(actor=world.counsellor, run=elsewhere, client=world.client)
    code = open_code(session)
    response = client.get(reverse("evaluate:self_evaluation", args=[code.code, outsider.pk]))
    assert response.status_code == 404


def test_guessing_codes_is_stopped(evaluated, client):
    _run, session, *_rest = evaluated
    code = open_code(session)
    for attempt in range(20):
        client.post(reverse("evaluate:code_entry"), {"code": f"WRONG{attempt:02d}"})
    # Even the right code waits now.
    english(client)
    response = client.post(reverse("evaluate:code_entry"), {"code": code.code})
    assert response.status_code == 200
    assert "Too many wrong codes" in response.content.decode()
    assert client.get(reverse("evaluate:code_participants", args=[code.code])).status_code == 404


def test_the_thanks_page_counts_wrong_codes_too(evaluated, client):
    """The thanks page shows the way back only for a valid code: it was a way to test codes
    without being counted."""
    _run, session, *_rest = evaluated
    code = open_code(session)
    english(client)
    valid = client.get(reverse("evaluate:code_thanks", args=[code.code])).content.decode()
    assert "Next person" in valid
    for attempt in range(20):
        page = client.get(reverse("evaluate:code_thanks", args=[f"WRONG{attempt:02d}"]))
        assert "Next person" not in page.content.decode()
    after = client.get(reverse("evaluate:code_thanks", args=[code.code])).content.decode()
    assert "Next person" not in after
    assert client.get(reverse("evaluate:code_participants", args=[code.code])).status_code == 404


# --- Facilitators and the client's own worker -----------------------------------------------


def test_a_facilitator_enters_an_evaluation_with_the_participant(world, evaluated, login):
    _run, session, first, _second, questions = evaluated
    first.client.preferred_language = "sv"
    first.client.save()
    client = english(login(world.counsellor))
    url = reverse("groups:evaluation_entry", args=[session.pk, first.pk])
    page = client.get(url).content.decode()
    # The participant's language first, the facilitator's beside it.
    assert "Hur var den här träffen för dig?" in page
    assert "How was this session for you?" in page
    assert AuditEvent.objects.filter(
        action="view", object_type="people.client", object_id=str(first.client.pk)
    ).exists()
    face, progress = questions["faces_3"].pk, questions["scale_5"].pk
    response = client.post(url, {f"q{face}": "1", f"q{progress}": "3"})
    assert response.status_code == 302
    evaluation = SessionEvaluation.objects.get()
    assert evaluation.channel == WITH_FACILITATOR and evaluation.entered_by == world.counsellor
    listing = client.get(reverse("groups:session_evaluations", args=[session.pk]))
    assert "1 of 2 participants have evaluated the session." in listing.content.decode()
    # Reading everyone's answers is in the audit log too, for each participant.
    logged = AuditEvent.objects.filter(
        action="view", object_type="people.client", path=listing.request["PATH_INFO"]
    ).values_list("object_id", flat=True)
    assert set(logged) == {str(e.client_id) for e in session.run.enrolments.all()}


def test_the_facilitator_opens_and_closes_a_code(world, evaluated, login):
    _run, session, *_rest = evaluated
    client = english(login(world.counsellor))
    response = client.post(reverse("groups:evaluation_code", args=[session.pk]), {"minutes": 60})
    assert response.status_code == 302
    code = EvaluationCode.objects.get()
    page = client.get(reverse("groups:evaluation_code", args=[session.pk])).content.decode()
    assert code.code in page and "<svg" in page
    assert f"/e/{code.code}/" in page
    client.post(reverse("groups:evaluation_code_close", args=[session.pk]))
    assert selectors.evaluation_code_open(visitor(), code.code) is None
    # A bad duration gets a message and opens nothing.
    response = client.post(
        reverse("groups:evaluation_code", args=[session.pk]), {"minutes": 9999}, follow=True
    )
    assert "Choose how long the code is valid." in response.content.decode()
    assert selectors.evaluation_code_current(session) is None


def test_the_clients_own_worker_reads_the_answers_without_facilitating(world, evaluated, login):
    run, session, first, _second, questions = evaluated
    worker = UserFactory()
    RoleAssignment.objects.create(user=worker, role=Role.SOCIAL_WORKER, unit=world.unit)
    first.client.named_worker = worker
    first.client.save()
    services.evaluation_record(
        session=session,
        enrolment=first,
        answers=answers(questions, comment="Jännitti"),
        channel=SELF,
    )
    client = english(login(worker))
    page = client.get(reverse("people:client_detail", args=[first.client.pk])).content.decode()
    url = reverse("groups:participant_evaluations", args=[first.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and "Jännitti" in response.content.decode()
    # The worker does not facilitate, so the group itself stays closed to them.
    assert client.get(reverse("groups:run_detail", args=[run.pk])).status_code == 404
    # The unit's supervisor sees the client but not their answers.
    supervisor = login(world.supervisor)
    page = supervisor.get(reverse("people:client_detail", args=[first.client.pk])).content
    assert url not in page.decode()
    assert supervisor.get(url).status_code == 404


def test_the_group_figures_are_for_the_supervisor_and_comments_for_facilitators(
    world, evaluated, login
):
    run, session, first, second, questions = evaluated
    first.client.first_name = "Eevertti"
    first.client.save()
    others = [
        enrolment_add(actor=world.counsellor, run=run, client=ClientFactory(unit=world.unit))
        for _ in range(3)
    ]
    for enrolment, face in ((first, 3), (second, 1), *((e, 2) for e in others)):
        services.evaluation_record(
            session=session,
            enrolment=enrolment,
            answers=answers(questions, face=face, progress=face + 1, comment=f"Sana {face}"),
            channel=SELF,
        )
    url = reverse("groups:run_evaluations", args=[run.pk])
    supervisor_page = english(login(world.supervisor)).get(url).content.decode()
    assert "Mean 2.0 from 5 answers" in supervisor_page  # faces 3, 1, 2, 2, 2
    assert "Mean 3.0 from 5 answers" in supervisor_page  # progress one more
    assert "Sana 3" not in supervisor_page
    assert "Eevertti" not in supervisor_page
    facilitator_page = login(world.counsellor).get(url).content.decode()
    assert "Sana 3" in facilitator_page and "Sana 1" in facilitator_page


def test_evaluation_pages_take_the_same_number_of_queries_as_they_grow(world, evaluated, login):
    run, session, first, second, questions = evaluated
    client = login(world.counsellor)
    # One evaluation to begin with, so that the first answers do not add their own query.
    services.evaluation_record(
        session=session, enrolment=first, answers=answers(questions), channel=SELF
    )
    pages = [
        reverse("groups:run_evaluations", args=[run.pk]),
        reverse("groups:session_evaluations", args=[session.pk]),
        reverse("groups:participant_evaluations", args=[first.pk]),
        reverse("groups:run_detail", args=[run.pk]),
        reverse("groups:final_evaluation", args=[run.pk]),
    ]
    before = [count_queries(client, url) for url in pages]
    held = list(run.sessions.filter(starts_at__lte=timezone.now()).order_by("starts_at"))
    assert len(held) > 3
    more = [
        enrolment_add(actor=world.counsellor, run=run, client=ClientFactory(unit=world.unit))
        for _ in range(3)
    ]
    for held_session in held:
        for enrolment in (first, second, *more):
            if held_session == session and enrolment == first:
                continue
            services.evaluation_record(
                session=held_session,
                enrolment=enrolment,
                answers=answers(questions, comment="Ok"),
                channel=SELF,
            )
    after = [count_queries(client, url) for url in pages]
    assert after == before


def test_the_final_evaluation_is_written_and_shown_with_the_groups_figures(world, evaluated, login):
    run, session, first, _second, _questions = evaluated
    services.attendance_mark(
        actor=world.counsellor, session=session, enrolment=first, status="present"
    )
    client = english(login(world.counsellor))
    url = reverse("groups:final_evaluation", args=[run.pk])
    form_page = client.get(url)
    assert form_page.context["figures"].attendance_rate == 100
    assert form_page.context["figures"].started == 1
    data = {
        "held_on": "2026-12-01",
        "participants": "Ohjaajat ja kaksi asiakasta",
        "goals_achieved": "Pääosin",
        "client_benefit": "Vertaistukea",
        "client_feedback": "",
        "what_worked": "",
        "participation_increased": "Kyllä",
        "next_group": "",
    }
    assert client.post(url, data | {"held_on": "1.13.2026"}).status_code == 200
    assert not FinalEvaluation.objects.exists()
    assert client.post(url, data).status_code == 302
    detail = client.get(reverse("groups:run_detail", args=[run.pk])).content.decode()
    assert "Have the goals of the group work been achieved?" in detail and "Pääosin" in detail
    # The supervisor reads it too: it holds no client's details.
    assert (
        "Vertaistukea"
        in login(world.supervisor).get(reverse("groups:run_detail", args=[run.pk])).content.decode()
    )


def test_the_supervisor_sees_no_figure_resting_on_fewer_than_five_answers(world, evaluated, login):
    run, _session, first, second, questions = evaluated
    held = list(run.sessions.order_by("starts_at")[:2])
    crowd = [first, second] + [
        enrolment_add(actor=world.counsellor, run=run, client=ClientFactory(unit=world.unit))
        for _ in range(4)
    ]
    # Six answer after the first session, two after the second.
    for enrolment, face, progress in zip(
        crowd, (3, 3, 3, 3, 2, 3), (4, 5, 4, 3, 4, 4), strict=True
    ):
        services.evaluation_record(
            session=held[0],
            enrolment=enrolment,
            answers=answers(questions, face=face, progress=progress),
            channel=SELF,
        )
    for enrolment, face in ((first, 1), (second, 1)):
        services.evaluation_record(
            session=held[1],
            enrolment=enrolment,
            answers=answers(questions, face=face),
            channel=SELF,
        )
    supervisor = english(login(world.supervisor))
    page = supervisor.get(reverse("groups:run_evaluations", args=[run.pk])).content.decode()
    protecting = "Not shown, so that a figure of fewer than 5 answers cannot be worked out"
    # The second session's two faces are hidden; the first session's six go with them, since
    # the run's eight minus a shown six would be the two again. The run's eight are shown.
    assert "fewer than 5" in page and protecting in page
    assert "mean 2.8" not in page  # the first session's faces
    assert "Mean 2.4 from 8 answers" in page
    detail = supervisor.get(reverse("groups:session_detail", args=[held[1].pk])).content
    assert "Fewer than 5 answers: not shown." in detail.decode()
    assert "Not good: <strong>2</strong>" not in detail.decode()
    # The session's own page hides what the run's page hides: the two pages tell no more.
    first = supervisor.get(reverse("groups:session_detail", args=[held[0].pk])).content.decode()
    assert protecting in first and "Mean 2.8" not in first
    # The facilitators see everything: they read the answers themselves.
    facilitator = english(login(world.counsellor))
    page = facilitator.get(reverse("groups:run_evaluations", args=[run.pk])).content.decode()
    assert "Mean 2.4 from 8 answers" in page


def test_each_question_hides_on_its_own_answers_and_a_unanimous_small_group(
    world, evaluated, login
):
    """Six evaluations, but only three answered the optional progress question; and all six
    chose the sad face. The supervisor sees neither: the first rests on three answers, the
    second tells each person's answer."""
    run, session, first, second, questions = evaluated
    progress = questions[EvaluationQuestion.Kind.SCALE_5]
    progress.required = False
    progress.save()
    crowd = [first, second] + [
        enrolment_add(actor=world.counsellor, run=run, client=ClientFactory(unit=world.unit))
        for _ in range(4)
    ]
    for n, enrolment in enumerate(crowd):
        given = {questions[EvaluationQuestion.Kind.FACES_3]: 1}
        if n < 3:
            given[progress] = 4 + n % 2
        services.evaluation_record(
            session=session, enrolment=enrolment, answers=given, channel=SELF
        )
    supervisor = english(login(world.supervisor))
    detail = supervisor.get(reverse("groups:session_detail", args=[session.pk])).content.decode()
    assert "Fewer than 5 answers: not shown." in detail  # progress: three answers
    assert "Everyone answered alike" in detail  # the faces: six sad ones
    assert "Not good: <strong>6</strong>" not in detail
    overview = supervisor.get(reverse("groups:run_evaluations", args=[run.pk])).content.decode()
    assert "all alike: not shown" in overview and "fewer than 5" in overview
    # The facilitators read the answers themselves and see the figures.
    facilitator = english(login(world.counsellor))
    own = facilitator.get(reverse("groups:session_detail", args=[session.pk])).content.decode()
    assert "Everyone answered alike" not in own


def test_an_evaluated_session_moved_to_a_later_date_stays_in_the_hiding(world, evaluated):
    """Five answered after one session and one after another, which was then moved ahead:
    the moved session is still a row of the run, so the run's six can be shown without
    giving the single answer away (the five go into hiding with it)."""
    run, _session, first, second, questions = evaluated
    held = list(run.sessions.order_by("starts_at")[:2])
    crowd = [first, second] + [
        enrolment_add(actor=world.counsellor, run=run, client=ClientFactory(unit=world.unit))
        for _ in range(4)
    ]
    for enrolment, face in zip(crowd[:5], (3, 3, 2, 3, 2), strict=True):
        services.evaluation_record(
            session=held[0],
            enrolment=enrolment,
            answers=answers(questions, face=face),
            channel=SELF,
        )
    services.evaluation_record(
        session=held[1], enrolment=crowd[5], answers=answers(questions, face=1), channel=SELF
    )
    later = timezone.now() + timedelta(days=3)
    services.session_update(
        actor=world.counsellor, session=held[1], starts_at=later, ends_at=later + timedelta(hours=2)
    )
    summary = selectors.run_evaluation_summary(run, protect=True)
    rows = {session.pk: items for session, _count, items in summary.rows}
    assert held[1].pk in rows  # evaluated, so a row even with its new date ahead
    faces = 0  # the faces question comes first
    assert rows[held[1].pk][faces].hidden and rows[held[0].pk][faces].hidden
    total = summary.total[faces]
    assert total.count == 6 and not total.hidden
