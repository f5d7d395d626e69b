from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import ngettext

from groups.models import (
    Attendance,
    CalendarFeed,
    Enrolment,
    EvaluationAnswer,
    EvaluationCode,
    EvaluationQuestion,
    EvaluationQuestionSet,
    FinalEvaluation,
    GoalStatus,
    GroupRun,
    PersonalGoal,
    Programme,
    Session,
    SessionEvaluation,
)
from groups.purposes import SESSION_CODE
from socialwork.core.disclosure import ALL, Figure, Protected, Shown
from socialwork.links.services import link_open
from socialwork.messaging.models import Message
from socialwork.people.models import Role, Unit
from socialwork.people.permissions import unit_ids_with_role
from socialwork.people.selectors import client_list_for_user


def run_list_for_user(user) -> QuerySet[GroupRun]:
    """The groups a staff member facilitates, and those of the units they lead."""
    supervised = unit_ids_with_role(user, Role.SUPERVISOR)
    next_session = (
        Session.objects.filter(
            run=OuterRef("pk"), cancelled_at__isnull=True, starts_at__gte=timezone.now()
        )
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    return (
        GroupRun.objects.filter(Q(facilitators=user) | Q(unit_id__in=supervised))
        .distinct()
        .select_related("programme", "unit")
        .annotate(
            participant_count=Count(
                "enrolments",
                filter=Q(enrolments__status__in=Enrolment.ACTIVE),
                distinct=True,
            ),
            next_session_at=Subquery(next_session),
        )
        .order_by("-starts_on", "name")
    )


def run_units_for_user(user) -> QuerySet[Unit]:
    """The units of the groups a staff member sees (the run list's unit filter)."""
    supervised = unit_ids_with_role(user, Role.SUPERVISOR)
    runs = GroupRun.objects.filter(Q(facilitators=user) | Q(unit_id__in=supervised))
    return Unit.objects.filter(pk__in=runs.values("unit_id")).order_by("name")


def run_get_for_user(user, pk: int) -> GroupRun | None:
    return (
        run_list_for_user(user).prefetch_related("facilitators", "partners").filter(pk=pk).first()
    )


def run_sessions(run: GroupRun) -> QuerySet[Session]:
    return run.sessions.annotate(
        present_count=Count("attendances", filter=Q(attendances__status=Attendance.Status.PRESENT)),
        evaluation_count=Count("evaluations", distinct=True),
    ).order_by("starts_at")


def client_removal_lines(client) -> list[str]:
    """What removing the client does to their groups, for the confirmation page."""
    runs = list(
        Enrolment.objects.filter(client=client).values_list("run__name", flat=True).distinct()
    )
    if not runs:
        return []
    return [
        ngettext(
            "Taking part in %(count)d group (%(names)s): attendance and the numbers of the "
            "evaluations stay in the group's figures without the name; personal goals, "
            "comments and meal notes are removed.",
            "Taking part in %(count)d groups (%(names)s): attendance and the numbers of the "
            "evaluations stay in the groups' figures without the name; personal goals, "
            "comments and meal notes are removed.",
            len(runs),
        )
        % {"count": len(runs), "names": ", ".join(runs)}
    ]


def run_clients(run: GroupRun) -> list:
    """Everyone who has been in the group (not only on the waiting list)."""
    return [
        enrolment.client
        for enrolment in run.enrolments.exclude(status=Enrolment.Status.WAITING)
        .filter(client__isnull=False)
        .select_related("client")
    ]


def run_enrolments(run: GroupRun) -> QuerySet[Enrolment]:
    return (
        run.enrolments.filter(client__isnull=False)  # a removed client has no row to show
        .select_related("client")
        .prefetch_related("goals")
        .order_by("client__last_name", "client__first_name")
    )


def waiting_list(run: GroupRun) -> QuerySet[Enrolment]:
    return (
        run.enrolments.filter(status=Enrolment.Status.WAITING)
        .select_related("client")
        .order_by("created_at")
    )


@dataclass
class Register:
    """Sessions x participants with their attendance marks and rates."""

    sessions: list
    rows: list = field(default_factory=list)  # (enrolment, [status per session], rate or None)
    session_rates: list = field(default_factory=list)


def run_register(run: GroupRun) -> Register:
    sessions = list(run.sessions.order_by("starts_at"))
    enrolments = list(
        run.enrolments.exclude(status=Enrolment.Status.WAITING)
        .select_related("client")
        .order_by("client__last_name", "client__first_name")
    )
    marks = {
        (a.session_id, a.enrolment_id): a.status
        for a in Attendance.objects.filter(session__run=run).only(
            "session_id", "enrolment_id", "status"
        )
    }
    now = timezone.now()
    held = [s for s in sessions if not s.is_cancelled and s.starts_at <= now]
    register = Register(sessions=sessions)
    for enrolment in enrolments:
        statuses = [marks.get((s.pk, enrolment.pk), Attendance.Status.UNMARKED) for s in sessions]
        counted = [marks.get((s.pk, enrolment.pk)) for s in held]
        counted = [c for c in counted if c and c != Attendance.Status.UNMARKED]
        rate = (
            round(100 * sum(c == Attendance.Status.PRESENT for c in counted) / len(counted))
            if counted
            else None
        )
        register.rows.append((enrolment, statuses, rate))
    for session in sessions:
        present = sum(
            marks.get((session.pk, e.pk)) == Attendance.Status.PRESENT for e in enrolments
        )
        marked = sum(
            marks.get((session.pk, e.pk), Attendance.Status.UNMARKED) != Attendance.Status.UNMARKED
            for e in enrolments
        )
        register.session_rates.append(round(100 * present / marked) if marked else None)
    return register


def run_participations(run: GroupRun, *, waiting: bool = True) -> QuerySet[Enrolment]:
    """The group's participants who are still clients (a removed client's place keeps the
    figures but has nobody to act on), with or without the waiting list."""
    enrolments = run.enrolments.filter(client__isnull=False).select_related("client")
    return enrolments if waiting else enrolments.exclude(status=Enrolment.Status.WAITING)


@dataclass
class RunPage:
    """What the group's page shows besides the group itself."""

    sessions: QuerySet
    goals: QuerySet
    wishes: QuerySet
    final_evaluation: FinalEvaluation | None
    facilitator_count: int
    status_choices: list[tuple[str, str]]
    enrolments: list[Enrolment] = field(default_factory=list)
    waiting: list[Enrolment] = field(default_factory=list)


def run_page(run: GroupRun, *, with_participants: bool) -> RunPage:
    """The group's page: participants' names only for those who may see them."""
    everyone = list(run_enrolments(run)) if with_participants else []
    return RunPage(
        sessions=run_sessions(run),
        goals=run.goals.all(),
        wishes=run.theme_wishes.select_related("session"),
        final_evaluation=final_evaluation_for(run),
        facilitator_count=len(run.facilitators.all()),
        status_choices=run.next_statuses(),
        enrolments=[e for e in everyone if e.status != Enrolment.Status.WAITING],
        waiting=[e for e in everyone if e.status == Enrolment.Status.WAITING],
    )


def programme_active_get(raw: str) -> Programme | None:
    """A programme in use by its id as typed in an address; anything else is none."""
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        return None
    return Programme.objects.filter(pk=int(raw), is_active=True).first()


def run_session_count(run: GroupRun) -> int:
    return run.sessions.count()


@dataclass
class SessionPage:
    """What the session's page shows besides the session itself."""

    attendance: list  # (participant, label of the mark)
    counts: dict  # mark -> how many
    wishes: QuerySet
    evaluation_summary: list
    reminders: list
    is_upcoming: bool


def session_page(
    session: Session, *, with_participants: bool, protect: bool, with_reminders: bool
) -> SessionPage:
    """The session's page: names only for those who may see them, and the group's figures
    protected for those who may not read the answers."""
    attendance = session_attendance(session) if with_participants else []
    counts = dict.fromkeys(Attendance.Status.values, 0)
    for _enrolment, status in attendance:
        counts[status] += 1
    labels = dict(Attendance.Status.choices)
    return SessionPage(
        attendance=[(enrolment, labels[status]) for enrolment, status in attendance],
        counts=counts,
        wishes=session.run.theme_wishes.filter(session__isnull=True),
        evaluation_summary=session_evaluation_summary(session, protect=protect),
        reminders=session_reminders(session) if with_reminders else [],
        is_upcoming=session.starts_at > timezone.now(),
    )


def session_get_for_user(user, pk: int) -> Session | None:
    runs = run_list_for_user(user).values("pk")
    return (
        Session.objects.select_related("run__programme", "run__unit")
        .filter(run__in=runs, pk=pk)
        .first()
    )


def session_attendance(session: Session) -> list[tuple[Enrolment, str]]:
    """Everyone taking part in the session's group, with their mark for it."""
    attendance = Attendance.objects.filter(session=session)
    enrolments = (
        session.run.enrolments.exclude(status=Enrolment.Status.WAITING)
        .select_related("client")
        .prefetch_related(Prefetch("attendances", queryset=attendance, to_attr="this_session"))
        .order_by("client__first_name", "client__last_name")
    )
    return [
        (e, e.this_session[0].status if e.this_session else Attendance.Status.UNMARKED)
        for e in enrolments
    ]


def upcoming_sessions_for_user(user, *, days: int = 60) -> QuerySet[Session]:
    now = timezone.now()
    return (
        Session.objects.filter(
            run__facilitators=user,
            starts_at__gte=now - timedelta(hours=12),
            starts_at__lte=now + timedelta(days=days),
        )
        .select_related("run")
        .order_by("starts_at")
    )


def programme_list() -> QuerySet[Programme]:
    return (
        Programme.objects.filter(is_active=True).annotate(run_count=Count("runs")).order_by("name")
    )


# --- Evaluation --------------------------------------------------------------------------

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
    """The group's evaluations over a run: one row per session held, and the whole run."""

    questions: list
    rows: list  # (session, evaluation count, [QuestionSummary per numeric question])
    total: list  # [QuestionSummary] over every session
    comments: list  # (session, text)


def run_evaluation_summary(run: GroupRun, *, protect: bool) -> RunEvaluation:
    questions = evaluation_questions(run)
    numeric = [q for q in questions if q.kind != EvaluationQuestion.Kind.TEXT]
    sessions = list(
        run.sessions.filter(starts_at__lte=timezone.now())
        .annotate(evaluation_count=Count("evaluations"))
        .order_by("starts_at")
    )
    answers = list(
        EvaluationAnswer.objects.filter(evaluation__session__run=run).annotate(
            session_id=F("evaluation__session_id")
        )
    )
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


def client_enrolments(client) -> QuerySet[Enrolment]:
    """A client's groups, for the client page."""
    return (
        client.enrolments.select_related("run__programme")
        .prefetch_related("run__facilitators")
        .order_by("-run__starts_on")
    )


def calendar_feed_sessions(user) -> QuerySet[Session]:
    """The sessions in a staff member's calendar feed: from three months back to a year
    ahead, cancelled ones included so that Outlook removes them."""
    now = timezone.now()
    return (
        Session.objects.filter(
            run__facilitators=user,
            starts_at__gte=now - timedelta(days=90),
            starts_at__lte=now + timedelta(days=365),
        )
        .exclude(run__status=GroupRun.Status.CANCELLED)
        .select_related("run")
        .order_by("starts_at")
    )


def final_evaluation_for(run: GroupRun) -> FinalEvaluation | None:
    return FinalEvaluation.objects.filter(run=run).first()


def session_evaluation_of(session: Session, enrolment: Enrolment) -> SessionEvaluation | None:
    return (
        SessionEvaluation.objects.filter(session=session, enrolment=enrolment)
        .prefetch_related("answers")
        .first()
    )


def enrolment_get_for_user(user, pk: int) -> Enrolment | None:
    """A participation whose client the user may see (need to know); whether they may read
    its answers is for permissions.can_view_individual_evaluations."""
    visible = client_list_for_user(user).values("pk")
    return (
        Enrolment.objects.select_related("client", "run__programme", "run__unit")
        .filter(pk=pk, client__in=visible)
        .first()
    )


def calendar_feed_of(user) -> CalendarFeed | None:
    return CalendarFeed.objects.select_related("link").filter(user=user).first()


def calendar_feed_for_link(link) -> CalendarFeed | None:
    return (
        CalendarFeed.objects.select_related("user", "link")
        .filter(link=link, user__is_active=True)
        .first()
    )


@dataclass
class ReminderRow:
    enrolment: Enrolment
    messages: list = field(default_factory=list)  # about this session, newest first
    # Before anything is sent: why this person could not be reached, if they could not.
    expected_problem: str = ""
    expected_problem_label: str = ""
    due_at: object = None

    @property
    def latest(self):
        return self.messages[0] if self.messages else None

    @property
    def fix(self) -> str:
        """What to open to fix the problem: "consent", "record" or ""."""
        reason = self.latest.reason if self.latest and self.latest.is_problem else ""
        reason = reason or self.expected_problem
        if reason in Message.FIX_CONSENT:
            return "consent"
        if reason in Message.FIX_RECORD:
            return "record"
        return ""


def session_reminders(session: Session) -> list[ReminderRow]:
    """The session page's reminder panel: each expected participant (and anyone a message
    about the session went to) with what was sent and how it went. Two queries."""
    from groups.notices import EXPECTED
    from socialwork.messaging.selectors import messages_about
    from socialwork.messaging.services import reach, reminder_due_for

    messages = messages_about(session)
    by_client: dict[int, list] = {}
    for message in messages:
        by_client.setdefault(message.client_id, []).append(message)
    enrolments = (
        Enrolment.objects.filter(run_id=session.run_id)
        .filter(Q(status__in=EXPECTED) | Q(client_id__in=list(by_client)))
        .filter(client__isnull=False)
        .select_related("client")
        .order_by("client__last_name", "client__first_name", "id")
    )
    reasons = dict(Message.Reason.choices)
    rows = []
    for enrolment in enrolments:
        row = ReminderRow(enrolment=enrolment, messages=by_client.get(enrolment.client_id, []))
        client = enrolment.client
        _channel, _recipient, problem = reach(client)
        row.expected_problem = problem
        row.expected_problem_label = reasons.get(problem, "")
        row.due_at = reminder_due_for(session.starts_at, client)
        rows.append(row)
    return rows
