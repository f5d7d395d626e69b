"""Demo groups: runs of different programmes in different states, with a believable history
(attendance, a dropout, goals, wishes, session evaluations and a final evaluation).
Idempotent: an existing run is left alone."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from groups.models import (
    Attendance,
    Enrolment,
    EvaluationQuestion,
    GroupRun,
    Programme,
    SessionEvaluation,
)
from groups.selectors import evaluation_questions
from groups.services import (
    attendance_mark,
    enrolment_add,
    enrolment_update,
    evaluation_record,
    final_evaluation_save,
    group_goal_save,
    personal_goal_save,
    run_create,
    run_set_status,
    wish_add,
)
from socialwork.people.models import Client, Unit, User

RUNS = [
    # name ({season} or {month} of its first session), programme, unit index, weeks from
    # today to the first session, facilitators, status
    ("Solmut auki, {season}", "Solmut auki", 0, -5, ["ohjaaja", "sostt"], GroupRun.Status.RUNNING),
    ("Sisu, {season}", "Sisu", 0, -30, ["ohjaaja2", "sostt"], GroupRun.Status.FINISHED),
    # Last year's groups, for the dashboards' year-on-year comparisons.
    (
        "Solmut auki, {season} {year}",
        "Solmut auki",
        0,
        -58,
        ["ohjaaja", "sostt"],
        GroupRun.Status.FINISHED,
    ),
    ("Sisu, {season} {year}", "Sisu", 0, -75, ["ohjaaja2", "sostt"], GroupRun.Status.FINISHED),
    (
        "Fyrkkaa & fiilistä, {month}",
        "Fyrkkaa & fiilistä",
        1,
        2,
        ["handledare", "sostt2"],
        GroupRun.Status.RECRUITING,
    ),
    (
        "Ylöjärven malli, {season}",
        "Ylöjärven sosiaalisen kuntoutuksen ryhmä",
        0,
        10,
        ["ohjaaja"],
        GroupRun.Status.PLANNED,
    ),
]

SEASONS = ["talvi", "talvi", "kevät", "kevät", "kevät", "kesä", "kesä", "kesä"] + ["syksy"] * 3
SEASONS.append("talvi")
MONTHS = [
    "tammikuu",
    "helmikuu",
    "maaliskuu",
    "huhtikuu",
    "toukokuu",
    "kesäkuu",
    "heinäkuu",
    "elokuu",
    "syyskuu",
    "lokakuu",
    "marraskuu",
    "joulukuu",
]

GOALS = ["Arjen rytmi ja yhdessä tekeminen", "Tutustua palveluihin, joista on apua"]
PERSONAL = ["Käyn ryhmässä joka viikko", "Teen oman budjetin", "Uskallan puhua ryhmässä"]
WISHES = ["Edullinen kotiruoka", "Kirjastokäynti", "Velkaneuvojan vierailu", "Keilaus"]
COMMENTS = [
    "Kiva kun kaikki saivat puhua.",
    "Lounas oli hyvä.",
    "Olisin halunnut enemmän aikaa keskustelulle.",
    "Vierailija kertoi selkeästi.",
    "Väsytti, mutta hyvä että tulin.",
]
FINAL = {
    "goals_achieved": "Ryhmän tavoitteet toteutuivat pääosin: arkeen tuli rytmiä ja palvelut "
    "tulivat tutuiksi. Oman budjetin teki viisi kahdeksasta.",
    "client_benefit": "Osallistujat kertoivat saaneensa vertaistukea ja rohkeutta asioida "
    "itse. Kaksi hakeutui kuntouttavaan työtoimintaan.",
    "client_feedback": "Palautteissa kiitettiin ruokailua ja vierailijoita; toivottiin "
    "enemmän aikaa keskustelulle.",
    "what_worked": "Parityöskentely ja yhteissuunnittelu toimivat. Aamun aloitus oli "
    "joillekin liian aikainen.",
    "participation_increased": "Kyllä: osallistujat suunnittelivat kaksi viimeistä kertaa itse.",
    "next_group": "Aloitus klo 10, tekstiviestimuistutus edellisenä päivänä.",
}


@transaction.atomic
def seed() -> None:
    rng = random.Random(2027)
    units = list(Unit.objects.order_by("pk"))
    today = timezone.localdate()
    for pattern, programme_name, unit_index, weeks, usernames, status in RUNS:
        facilitators = list(User.objects.filter(username__in=usernames))
        lead = facilitators[0]
        starts_on = today + datetime.timedelta(weeks=weeks)
        name = pattern.format(
            season=SEASONS[starts_on.month - 1],
            month=MONTHS[starts_on.month - 1],
            year=starts_on.year,
        )
        # One run of each programme and unit for each half-year, whatever day the demo was
        # loaded on: loaded again next week, it makes none.
        if GroupRun.objects.filter(
            programme__name=programme_name,
            unit=units[unit_index],
            starts_on__range=(
                starts_on - datetime.timedelta(weeks=26),
                starts_on + datetime.timedelta(weeks=26),
            ),
        ).exists():
            continue
        run = run_create(
            actor=lead,
            programme=Programme.objects.get(name=programme_name),
            unit=units[unit_index],
            name=name,
            starts_on=starts_on,
            facilitators=facilitators,
            place="Asemakatu 12, ryhmätila",
            ground_rules="Se mitä ryhmässä puhutaan, jää ryhmään. Kaikki saavat puheenvuoron.",
        )
        clients = list(Client.objects.filter(unit=run.unit).order_by("pk"))
        for client in clients[: min(run.max_size - 1, 8)]:
            enrolment = enrolment_add(
                actor=lead,
                run=run,
                client=client,
                service_decision=True,
                service_decision_on=starts_on - datetime.timedelta(days=14),
                activity_allowance=True,
                bus_ticket=client.pk % 2 == 0,
            )
            personal_goal_save(actor=lead, enrolment=enrolment, text=rng.choice(PERSONAL))
        for text in GOALS:
            group_goal_save(actor=lead, run=run, text=text)
        for text in rng.sample(WISHES, 2):
            wish_add(actor=lead, run=run, text=text)
        if status in (GroupRun.Status.RUNNING, GroupRun.Status.FINISHED):
            run_set_status(actor=lead, run=run, status=GroupRun.Status.RECRUITING)
            run_set_status(actor=lead, run=run, status=GroupRun.Status.RUNNING)
            _history(run, lead, rng)
        if status == GroupRun.Status.FINISHED:
            run_set_status(actor=lead, run=run, status=GroupRun.Status.FINISHED)
            final_evaluation_save(
                actor=lead,
                run=run,
                held_on=run.ends_on,
                participants=", ".join(f.get_full_name() for f in facilitators),
                **FINAL,
            )
        elif status == GroupRun.Status.RECRUITING:
            run_set_status(actor=lead, run=run, status=GroupRun.Status.RECRUITING)
        if status == GroupRun.Status.RUNNING:
            _reminded(run)


def _reminded(run: GroupRun) -> None:
    """The next session's reminders as they would stand the evening before: most delivered,
    one not, and those without consent or number not sent, with the reason."""
    from socialwork.messaging.models import Message
    from socialwork.messaging.services import reminder_due, reminders_queue

    upcoming = run.sessions.filter(starts_at__gt=timezone.now(), cancelled_at__isnull=True)
    session = upcoming.order_by("starts_at").first()
    if session is None:
        return
    reminders_queue(now=reminder_due(session.starts_at))
    queued = Message.objects.filter(
        purpose="groups.session_reminder", object_id=str(session.pk), status=Message.Status.QUEUED
    )
    now = timezone.now()
    first = queued.order_by("id").first()
    if first is not None:
        Message.objects.filter(pk=first.pk).update(
            status=Message.Status.FAILED,
            reason=Message.Reason.UNDELIVERED,
            attempts=1,
            sent_at=now,
            finished_at=now,
        )
    queued.filter(channel=Message.Channel.SMS).update(
        status=Message.Status.DELIVERED, attempts=1, sent_at=now, delivered_at=now, finished_at=now
    )


def _history(run: GroupRun, lead: User, rng: random.Random) -> None:
    """Attendance for the sessions already held, with a dropout half-way."""
    enrolments = list(run.enrolments.all())
    held = list(run.sessions.filter(starts_at__lt=timezone.now()))
    dropout = enrolments[-1] if enrolments else None
    for number, session in enumerate(held):
        for enrolment in enrolments:
            if enrolment == dropout and number >= 2:
                continue
            status = rng.choices(
                [Attendance.Status.PRESENT, Attendance.Status.EXCUSED, Attendance.Status.ABSENT],
                weights=[75, 15, 10],
            )[0]
            attendance_mark(actor=lead, session=session, enrolment=enrolment, status=status)
            if status == Attendance.Status.PRESENT and rng.random() < 0.85:
                _evaluate(session, enrolment, lead, rng)
    if dropout and len(held) > 2:
        enrolment_update(
            actor=lead,
            enrolment=dropout,
            status=Enrolment.Status.DROPPED_OUT,
            dropout_reason=Enrolment.DropoutReason.LIFE_SITUATION,
        )


def _evaluate(session, enrolment, lead: User, rng: random.Random) -> None:
    answers = {}
    for question in evaluation_questions(session.run):
        if question.kind == EvaluationQuestion.Kind.FACES_3:
            answers[question] = rng.choices([1, 2, 3], weights=[10, 30, 60])[0]
        elif question.kind == EvaluationQuestion.Kind.SCALE_5:
            answers[question] = rng.choices([1, 2, 3, 4, 5], weights=[5, 15, 30, 30, 20])[0]
        elif rng.random() < 0.2:
            answers[question] = rng.choice(COMMENTS)
    with_facilitator = rng.random() < 0.4
    evaluation_record(
        session=session,
        enrolment=enrolment,
        answers=answers,
        channel=SessionEvaluation.Channel.WITH_FACILITATOR
        if with_facilitator
        else SessionEvaluation.Channel.SELF,
        actor=lead if with_facilitator else None,
    )
