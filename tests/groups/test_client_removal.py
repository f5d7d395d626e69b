"""Removing a client says what it removes, keeps the group's anonymous figures as they were,
and leaves neither the number nor the words of the client's messages behind."""

import pytest
from django.urls import reverse
from django.utils import timezone

from groups import selectors, services
from groups.models import Attendance, EvaluationAnswer, PersonalGoal, SessionEvaluation
from socialwork.messaging.models import Message
from socialwork.people.models import Client
from tests.factories import ClientFactory
from tests.factories.groups import make_run


@pytest.fixture
def group(world):
    run = make_run(unit=world.unit, facilitators=[world.counsellor])
    world.client.first_name, world.client.last_name = "Eevertti", "Poistettava"
    world.client.save()
    others = [ClientFactory(unit=world.unit) for _ in range(2)]
    enrolments = [
        services.enrolment_add(actor=world.counsellor, run=run, client=client)
        for client in [world.client, *others]
    ]
    services.personal_goal_save(
        actor=world.counsellor, enrolment=enrolments[0], text="Eevertin oma tavoite"
    )
    session = run.sessions.filter(starts_at__lt=timezone.now()).order_by("starts_at").first()
    questions = {q.kind: q for q in selectors.evaluation_questions(run)}
    for enrolment, status in zip(enrolments, ["present", "present", "absent"], strict=True):
        services.attendance_mark(
            actor=world.counsellor, session=session, enrolment=enrolment, status=status
        )
    for enrolment in enrolments[:2]:
        services.evaluation_record(
            session=session,
            enrolment=enrolment,
            answers={
                questions["faces_3"]: 3,
                questions["scale_5"]: 4,
                questions["text"]: "Kiitos ryhmälle",
            },
            channel=SessionEvaluation.Channel.WITH_FACILITATOR,
            actor=world.counsellor,
        )
    Message.objects.create(
        channel=Message.Channel.SMS,
        client=world.client,
        recipient="+358401110001",
        text=f"Muistutus: {run.name} huomenna klo 10.00",
        purpose="groups.session_reminder",
        idempotency_key="sent-1",
        status=Message.Status.DELIVERED,
    )
    Message.objects.create(
        channel=Message.Channel.SMS,
        client=world.client,
        recipient="+358401110001",
        text=f"Muistutus: {run.name} ensi viikolla",
        purpose="groups.session_reminder",
        idempotency_key="queued-1",
    )
    return run, session


def test_removal_says_what_goes_and_keeps_the_groups_figures(world, login, group):
    run, session = group
    before = selectors.run_figures(run)
    supervisor = login(world.supervisor)
    supervisor.cookies["django_language"] = "en"
    url = reverse("people:client_delete", args=[world.client.pk])
    confirm = supervisor.get(url).content.decode()
    assert "Taking part in 1 group" in confirm and run.name in confirm
    assert "2 messages: the numbers or addresses and the words are removed." in confirm

    assert supervisor.post(url).status_code == 302
    assert not Client.objects.filter(pk=world.client.pk).exists()
    after = selectors.run_figures(run)
    assert (after.started, after.attendance_rate) == (before.started, before.attendance_rate)
    assert [(m.count, m.mean) for m in after.evaluation_means] == [
        (m.count, m.mean) for m in before.evaluation_means
    ]
    assert Attendance.objects.filter(session=session).count() == 3
    assert SessionEvaluation.objects.filter(session=session).count() == 2
    # Their own words are gone; the other participant's stay.
    assert EvaluationAnswer.objects.filter(text="Kiitos ryhmälle").count() == 1
    assert not PersonalGoal.objects.filter(text__contains="Eevert").exists()
    messages = Message.objects.filter(idempotency_key__in=["sent-1", "queued-1"])
    assert {(m.client_id, m.recipient, m.text) for m in messages} == {(None, "", "")}
    assert messages.get(idempotency_key="queued-1").status == Message.Status.CANCELLED

    facilitator = login(world.counsellor)
    facilitator.cookies["django_language"] = "en"
    for name, pk in [
        ("groups:run_detail", run.pk),
        ("groups:register", run.pk),
        ("groups:run_evaluations", run.pk),
        ("groups:final_evaluation", run.pk),
        ("groups:session_detail", session.pk),
        ("groups:attendance", session.pk),
        ("groups:session_evaluations", session.pk),
    ]:
        response = facilitator.get(reverse(name, args=[pk]))
        assert response.status_code == 200, name
        page = response.content.decode()
        assert "Eevertti" not in page and "Poistettava" not in page, name
    register = facilitator.get(reverse("groups:register", args=[run.pk])).content.decode()
    assert "Removed client" in register
