"""The evaluations after every session and the final one, and the session codes.

Figures for someone who may not read the answers are protected by the one rule for
figures from answers (socialwork.core.disclosure)."""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone

from groups.models import (
    Attendance,
    Enrolment,
    EvaluationAnswer,
    EvaluationCode,
    EvaluationQuestion,
    EvaluationQuestionSet,
    FinalEvaluation,
    GoalStatus,
    GroupRun,
    PersonalGoal,
    Session,
    SessionEvaluation,
)
from groups.purposes import SESSION_CODE
from socialwork.core.disclosure import ALL, Figure, Protected, Shown
from socialwork.links.services import link_open

DEFAULT_QUESTION_SET = "Istunnon arviointi (oletus)"


def evaluation_questions(run: GroupRun) -> list[EvaluationQuestion]:
    """The questions asked after each session of this run: its programme's set, or the
    default set when the programme has none."""
    question_set_id = run.programme.question_set_id
    if question_set_id is None:
        question_set_id = (
            EvaluationQuestionSet.objects.filter(name=DEFAULT_QUESTION_SET)
            .values_list("pk", flat=True)
            .first()
        )
    return list(EvaluationQuestion.objects.filter(question_set_id=question_set_id))


@dataclass
class QuestionSummary:
    """The group's answers to one question: how many, the count per choice and the mean.
    Free-text answers are listed without names."""

    question: EvaluationQuestion
    count: int = 0
    distribution: list = field(default_factory=list)  # (value, label, count) per choice
    mean: float | None = None
    comments: list = field(default_factory=list)
    hidden: bool = False  # would tell of a person, to someone who may not read the answers
    all_alike: bool = False  # hidden because everyone in a small group chose the same
    protects_other: bool = False  # hidden, though not small, to protect a small figure


def _summaries(questions, answers) -> list[QuestionSummary]:
    by_question = {q.pk: QuestionSummary(question=q) for q in questions}
    values: dict[int, list[int]] = {q.pk: [] for q in questions}
    for answer in answers:
        summary = by_question.get(answer.question_id)
        if summary is None:
            continue
        if answer.value is not None:
            values[answer.question_id].append(answer.value)
        elif answer.text:
            summary.comments.append(answer.text)
            summary.count += 1
    for question in questions:
        summary = by_question[question.pk]
        if question.kind == EvaluationQuestion.Kind.TEXT:
            continue
        numbers = values[question.pk]
        if question.kind == EvaluationQuestion.Kind.FACES_3:
            labels = {v: str(label) for v, label in question.FACES.items()}
        else:
            labels = {v: str(v) for v in range(1, 6)}
        summary.count = len(numbers)
        summary.distribution = [(v, label, numbers.count(v)) for v, label in labels.items()]
        summary.mean = round(sum(numbers) / len(numbers), 1) if numbers else None
    return [by_question[q.pk] for q in questions]


def _hide(summary: QuestionSummary, shown: Shown) -> None:
    summary.hidden = True
    summary.all_alike = shown.all_alike
    summary.protects_other = shown.secondary
    summary.distribution, summary.mean, summary.comments = [], None, []


def _figure(summary: QuestionSummary) -> Figure:
    counts = Counter({value: count for value, _label, count in summary.distribution if count})
    return Figure(
        n=summary.count,
        total=sum(value * count for value, count in counts.items()),
        values=summary.count,
        counts=counts,
    )


def _protect(evaluation: "RunEvaluation") -> None:
    """For a reader who may not see individual answers (the unit's supervisor): every
    figure by the one rule for figures from answers (socialwork.core.disclosure), question by
    question (an optional question may have far fewer answers than the evaluations). The
    sessions are the parts and the whole run their sum, so a session is hidden when it rests
    on too few answers, when everyone in a small group chose alike, or when it would give a
    hidden session away through the run's total."""
    for index, _question in enumerate(evaluation.questions):
        base = {
            (session.pk,): _figure(items[index])
            for session, _count, items in evaluation.rows
            if items[index].count
        }
        protected = Protected(base, unanimous_below=settings.SOCIALWORK_UNANIMOUS_MIN)
        for session, _count, items in evaluation.rows:
            shown = protected.shown((session.pk,))
            if shown.hidden:
                _hide(items[index], shown)
        shown = protected.shown((ALL,))
        if shown.hidden:
            _hide(evaluation.total[index], shown)
    evaluation.comments = []


def session_evaluation_summary(session: Session, *, protect: bool) -> list[QuestionSummary]:
    """The group's answers after one session. Protected, each figure is hidden exactly
    where the run's page hides it, so that the two pages together tell nothing more."""
    if protect:
        run = run_evaluation_summary(session.run, protect=True)
        for row_session, _count, items in run.rows:
            if row_session.pk == session.pk:
                return items
    questions = evaluation_questions(session.run)
    answers = EvaluationAnswer.objects.filter(evaluation__session=session).only(
        "question_id", "value", "text"
    )
    summaries = _summaries(questions, answers)
    if protect:
        # Not held yet, so not in the run's figures: it has no answers to show either.
        for summary in summaries:
            if summary.count:
                _hide(summary, Shown(figure=None, hidden=True))
    return summaries


@dataclass
class RunEvaluation:
    """The group's evaluations over a run: one row per session held (or evaluated), and the
    whole run, which is the sum of the rows."""

    questions: list
    rows: list  # (session, evaluation count, [QuestionSummary per numeric question])
    total: list  # [QuestionSummary] over the rows' sessions
    comments: list  # (session, text)


def run_evaluation_summary(run: GroupRun, *, protect: bool) -> RunEvaluation:
    questions = evaluation_questions(run)
    numeric = [q for q in questions if q.kind != EvaluationQuestion.Kind.TEXT]
    # Every session held, and any other that has answers (one moved to a later date after
    # it was evaluated): the run's total is the sum of exactly these rows, so the hiding
    # that protects the rows protects the total too.
    sessions = list(
        run.sessions.annotate(evaluation_count=Count("evaluations"))
        .filter(Q(starts_at__lte=timezone.now()) | Q(evaluation_count__gt=0))
        .order_by("starts_at")
    )
    rowed = {session.pk for session in sessions}
    answers = [
        answer
        for answer in EvaluationAnswer.objects.filter(evaluation__session__run=run).annotate(
            session_id=F("evaluation__session_id")
        )
        if answer.session_id in rowed
    ]
    by_session: dict[int, list] = {}
    for answer in answers:
        by_session.setdefault(answer.session_id, []).append(answer)
    rows = [
        (session, session.evaluation_count, _summaries(numeric, by_session.get(session.pk, [])))
        for session in sessions
    ]
    sessions_by_pk = {s.pk: s for s in sessions}
    comments = [
        (sessions_by_pk.get(a.session_id), a.text)
        for a in answers
        if a.text and a.session_id in sessions_by_pk
    ]
    comments.sort(key=lambda pair: pair[0].starts_at)
    evaluation = RunEvaluation(
        questions=numeric, rows=rows, total=_summaries(numeric, answers), comments=comments
    )
    if protect:
        _protect(evaluation)
    return evaluation


def _cells(questions, evaluation) -> list[str]:
    """An evaluation's answers in the order of the questions ("" where not answered)."""
    if evaluation is None:
        return ["" for _q in questions]
    answers = {a.question_id: a for a in evaluation.answers.all()}
    return [answers[q.pk].display if q.pk in answers else "" for q in questions]


def _answers():
    return EvaluationAnswer.objects.select_related("question")


def session_evaluations(session: Session, questions) -> list[tuple]:
    """Everyone who may evaluate the session: (participant, evaluation or None, answers in
    the order of the questions)."""
    evaluations = SessionEvaluation.objects.filter(session=session).prefetch_related(
        Prefetch("answers", queryset=_answers())
    )
    enrolments = (
        session.run.enrolments.exclude(status=Enrolment.Status.WAITING)
        .select_related("client")
        .prefetch_related(Prefetch("evaluations", queryset=evaluations, to_attr="this_session"))
        .order_by("client__first_name", "client__last_name")
    )
    rows = []
    for enrolment in enrolments:
        evaluation = enrolment.this_session[0] if enrolment.this_session else None
        rows.append((enrolment, evaluation, _cells(questions, evaluation)))
    return rows


def enrolment_evaluations(enrolment: Enrolment, questions) -> list[tuple]:
    """One participant's evaluations, session by session: (evaluation, answers in the order
    of the questions). For the facilitators and the client's own worker."""
    evaluations = (
        enrolment.evaluations.select_related("session")
        .prefetch_related(Prefetch("answers", queryset=_answers()))
        .order_by("session__starts_at")
    )
    return [(evaluation, _cells(questions, evaluation)) for evaluation in evaluations]


def evaluation_code_current(session: Session) -> EvaluationCode | None:
    now = timezone.now()
    return (
        session.evaluation_codes.select_related("link")
        .filter(link__expires_at__gt=now)
        .exclude(link__revoked_at__lte=now)
        .order_by("-created_at")
        .first()
    )


def evaluation_code_open(request, raw: str) -> EvaluationCode | None:
    """A valid code with its session and group, or None for a wrong or expired one. A wrong
    one counts against the address (socialwork/links), which may raise TooManyGuesses."""
    link = link_open(request, purpose=SESSION_CODE.name, token=raw)
    if link is None:
        return None
    return (
        EvaluationCode.objects.select_related("session__run__programme", "link")
        .filter(link=link, session__cancelled_at__isnull=True)
        .first()
    )


def code_participants(session: Session) -> list[tuple[Enrolment, bool]]:
    """Who may evaluate the session with its code: the group's participants, except those
    marked absent from it. With whether they have already evaluated."""
    away = Attendance.objects.filter(
        session=session, status__in=[Attendance.Status.ABSENT, Attendance.Status.EXCUSED]
    ).values("enrolment_id")
    done = set(
        SessionEvaluation.objects.filter(session=session).values_list("enrolment_id", flat=True)
    )
    enrolments = (
        session.run.enrolments.filter(status__in=Enrolment.ACTIVE, client__isnull=False)
        .exclude(pk__in=away)
        .select_related("client")
        .order_by("client__first_name", "client__last_name")
    )
    return [(e, e.pk in done) for e in enrolments]


@dataclass
class RunFigures:
    """Figures for the final evaluation, counted from what was recorded."""

    started: int
    completed: int
    dropped_out: int
    attendance_rate: int | None
    sessions_held: int
    sessions_cancelled: int
    group_goals: dict
    personal_goals: dict
    evaluation_means: list  # QuestionSummary per numeric question over the run


def run_figures(run: GroupRun, *, protect: bool = False) -> RunFigures:
    """The group's figures for its final evaluation; `protect` for a reader who may not
    read the answers (the evaluation means follow the one rule for figures from answers)."""
    statuses = dict(
        run.enrolments.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    now = timezone.now()
    sessions = run.sessions.aggregate(
        held=Count("pk", filter=Q(cancelled_at__isnull=True, starts_at__lte=now)),
        cancelled=Count("pk", filter=Q(cancelled_at__isnull=False)),
    )
    marks = Attendance.objects.filter(session__run=run, session__cancelled_at__isnull=True).exclude(
        status=Attendance.Status.UNMARKED
    )
    marked = marks.aggregate(
        all=Count("pk"), present=Count("pk", filter=Q(status=Attendance.Status.PRESENT))
    )
    labels = dict(GoalStatus.choices)

    def goal_counts(queryset):
        counts = dict(queryset.values_list("status").annotate(n=Count("pk")))
        return {labels[s]: counts[s] for s in GoalStatus.values if counts.get(s)}

    return RunFigures(
        started=sum(
            statuses.get(s, 0)
            for s in (
                Enrolment.Status.STARTED,
                Enrolment.Status.COMPLETED,
                Enrolment.Status.DROPPED_OUT,
            )
        ),
        completed=statuses.get(Enrolment.Status.COMPLETED, 0),
        dropped_out=statuses.get(Enrolment.Status.DROPPED_OUT, 0),
        attendance_rate=round(100 * marked["present"] / marked["all"]) if marked["all"] else None,
        sessions_held=sessions["held"],
        sessions_cancelled=sessions["cancelled"],
        group_goals=goal_counts(run.goals.all()),
        personal_goals=goal_counts(PersonalGoal.objects.filter(enrolment__run=run)),
        evaluation_means=run_evaluation_summary(run, protect=protect).total,
    )


def final_evaluation_for(run: GroupRun) -> FinalEvaluation | None:
    return FinalEvaluation.objects.filter(run=run).first()


def session_evaluation_of(session: Session, enrolment: Enrolment) -> SessionEvaluation | None:
    return (
        SessionEvaluation.objects.filter(session=session, enrolment=enrolment)
        .prefetch_related("answers")
        .first()
    )
