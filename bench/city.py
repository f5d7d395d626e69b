"""Ten years of a big city's adult social work, generated into the current database for the
benchmarks (bench/dashboards.py). At `scale=1`:

    30 units, 600 staff, 60 000 clients, 5 000 group runs, 60 000 sessions, 600 000
    attendance marks, 300 000 session evaluations, 200 000 feedback responses with about
    1 500 000 answers, 50 councils with 2 000 meetings and 1 000 proposals, 300 experts
    with 20 000 bookings, and the reminders of the last three years.

Rows go in through Django's bulk_create where a table has many columns with defaults, and
through PostgreSQL COPY for the largest ones (attendance, evaluation answers, feedback
answers). Random but seeded: the same scale gives the same city. Times are spread over the
ten years up to today, so the dashboards of this year and the last have figures.
"""

import random
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import time as clock

UNITS, STAFF, CLIENTS = 30, 600, 60_000
RUNS, SESSIONS_PER_RUN, PER_RUN = 5_000, 12, 10
RESPONSES, COUNCILS, MEETINGS, PROPOSALS = 200_000, 50, 2_000, 1_000
EXPERTS, BOOKINGS = 300, 20_000
FEEDBACK_UNITS, COLOURS = 20, 8


def _copy(table: str, columns: list[str], rows) -> int:
    from django.db import connection

    count = 0
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _when(rng, first: date, days: int) -> date:
    return first + timedelta(days=rng.randrange(days))


def load(scale: float = 1.0, *, seed: int = 2026, say=print) -> dict:
    """Fill the database; returns the number of rows per kind."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from councils.models import Council, Meeting, Proposal
    from experts.models import AssignmentType, Booking, Expert, Order
    from feedback.models import Instrument, WorkerCode
    from feedback.selectors import version_current
    from groups.models import Enrolment, GroupRun, PersonalGoal, Programme, Session
    from groups.notices import REMINDER
    from socialwork.core.schedules import HELSINKI
    from socialwork.messaging.models import Message
    from socialwork.people.models import Client, Role, RoleAssignment, Unit, User

    rng = random.Random(seed)
    today = timezone.localdate()
    first_day = date(today.year - 9, 1, 1)
    span = (today - first_day).days
    now = timezone.now()
    counts: dict[str, int] = {}
    started = time.perf_counter()

    def n(value: int) -> int:
        return max(1, int(value * scale))

    def done(kind: str, value: int) -> None:
        counts[kind] = value
        say(f"  {kind:<22} {value:>9}  ({time.perf_counter() - started:5.1f} s)")

    with transaction.atomic():
        units = Unit.objects.bulk_create(
            Unit(
                name=f"Sosiaaliasema {number + 1:02d}", postal_code="00100", post_office="Kaupunki"
            )
            for number in range(UNITS)
        )
        done("units", len(units))
        staff = User.objects.bulk_create(
            (
                User(
                    username=f"bench{number}",
                    first_name=f"Työntekijä{number}",
                    last_name="Mittari",
                    password="!",
                )
                # Not scaled: the colours and councils need their workers.
                for number in range(STAFF)
            ),
            batch_size=2000,
        )
        roles = []
        for number, user in enumerate(staff):
            unit = units[number % UNITS]
            role = Role.SUPERVISOR if number < UNITS else Role.COUNSELLOR
            roles.append(RoleAssignment(user=user, role=role, unit=unit))
        roles.append(RoleAssignment(user=staff[-1], role=Role.MANAGEMENT, unit=None))
        RoleAssignment.objects.bulk_create(roles)
        done("staff", len(staff))
        clients = Client.objects.bulk_create(
            (
                Client(
                    first_name=f"Asiakas{number}",
                    last_name="Mittari",
                    phone=f"+35840{1_000_000 + number:07d}",
                    sms_consent_at=now,
                    unit=units[number % UNITS],
                )
                for number in range(n(CLIENTS))
            ),
            batch_size=5000,
        )
        by_unit = {unit.pk: [c for c in clients if c.unit_id == unit.pk] for unit in units}
        done("clients", len(clients))

        programmes = list(Programme.objects.select_related("question_set").order_by("pk"))
        questions = {}
        for programme in programmes:
            asked = (
                list(programme.question_set.questions.exclude(kind="text"))
                if programme.question_set
                else []
            )
            questions[programme.pk] = asked
        runs = []
        for number in range(n(RUNS)):
            programme = programmes[number % len(programmes)]
            starts_on = _when(rng, first_day, span - 7)
            runs.append(
                GroupRun(
                    programme=programme,
                    unit=units[rng.randrange(UNITS)],
                    name=f"{programme.name} {number}",
                    starts_on=starts_on,
                    ends_on=starts_on + timedelta(weeks=SESSIONS_PER_RUN - 1),
                    place="Ryhmätila",
                    cadence=programme.cadence,
                    weekdays=list(programme.weekdays),
                    start_time=clock(10),
                    session_minutes=120,
                    session_count=SESSIONS_PER_RUN,
                    min_size=4,
                    max_size=PER_RUN,
                    status=GroupRun.Status.FINISHED
                    if starts_on + timedelta(weeks=SESSIONS_PER_RUN) < today
                    else GroupRun.Status.RUNNING,
                )
            )
        runs = GroupRun.objects.bulk_create(runs, batch_size=2000)
        done("group runs", len(runs))
        sessions = []
        for run in runs:
            for week in range(SESSIONS_PER_RUN):
                day = run.starts_on + timedelta(weeks=week)
                starts = datetime.combine(day, clock(10), tzinfo=HELSINKI)
                cancelled = starts if rng.random() < 0.04 else None
                sessions.append(
                    Session(
                        run=run,
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=2),
                        cancelled_at=cancelled,
                    )
                )
        sessions = Session.objects.bulk_create(sessions, batch_size=5000)
        done("sessions", len(sessions))
        enrolments = []
        for run in runs:
            pool = by_unit[run.unit_id]
            running = run.status == GroupRun.Status.RUNNING
            for client in rng.sample(pool, min(PER_RUN, len(pool))):
                roll = rng.random()
                status = (
                    Enrolment.Status.STARTED
                    if running
                    else Enrolment.Status.COMPLETED
                    if roll < 0.7
                    else Enrolment.Status.DROPPED_OUT
                )
                enrolments.append(Enrolment(run=run, client=client, status=status))
        enrolments = Enrolment.objects.bulk_create(enrolments, batch_size=5000)
        done("enrolments", len(enrolments))
        PersonalGoal.objects.bulk_create(
            (
                PersonalGoal(
                    enrolment=enrolment,
                    text="Oma tavoite",
                    status=rng.choice(("open", "achieved", "partly", "not_yet")),
                )
                for enrolment in enrolments
            ),
            batch_size=5000,
        )
        done("personal goals", len(enrolments))

        by_run: dict[int, list] = {}
        for enrolment in enrolments:
            by_run.setdefault(enrolment.run_id, []).append(enrolment)
        held = [s for s in sessions if s.cancelled_at is None and s.starts_at <= now]
        marks, present_pairs = [], []
        for session in held:
            for enrolment in by_run.get(session.run_id, ()):
                roll = rng.random()
                status = "present" if roll < 0.75 else "excused" if roll < 0.85 else "absent"
                marks.append((session.pk, enrolment.pk, status, now))
                if status == "present":
                    present_pairs.append((session, enrolment))
        done(
            "attendance",
            _copy(
                "groups_attendance", ["session_id", "enrolment_id", "status", "marked_at"], marks
            ),
        )
        # About half the marks have an evaluation: the first 300 000 of those present.
        wanted = n(300_000)
        chosen = present_pairs[:wanted]
        evaluation_rows = [
            (session.pk, enrolment.pk, "code", session.starts_at) for session, enrolment in chosen
        ]
        _copy(
            "groups_sessionevaluation",
            ["session_id", "enrolment_id", "channel", "created_at"],
            evaluation_rows,
        )
        done("session evaluations", len(evaluation_rows))
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ev.id, r.programme_id FROM groups_sessionevaluation ev "
                "JOIN groups_session s ON s.id = ev.session_id "
                "JOIN groups_grouprun r ON r.id = s.run_id"
            )
            evaluated = cursor.fetchall()

        def evaluation_answers():
            for evaluation_id, programme_id in evaluated:
                for question in questions.get(programme_id, ()):
                    top = 3 if question.kind == "faces_3" else 5
                    yield (evaluation_id, question.pk, rng.randint(max(1, top - 2), top), "")

        done(
            "evaluation answers",
            _copy(
                "groups_evaluationanswer",
                ["evaluation_id", "question_id", "value", "text"],
                evaluation_answers(),
            ),
        )

        # Reminders in the last three years, for about seven in ten participants.
        session_type = ContentType.objects.get_for_model(Session)
        since = datetime(today.year - 2, 1, 1, tzinfo=HELSINKI)
        client_of = {e.pk: e.client_id for e in enrolments}
        reminders = []
        for session in held:
            if session.starts_at < since:
                continue
            for enrolment in by_run.get(session.run_id, ()):
                if rng.random() < 0.7:
                    failed = rng.random() < 0.03
                    reminders.append(
                        Message(
                            channel=Message.Channel.SMS,
                            client_id=client_of[enrolment.pk],
                            recipient="+358401234567",
                            text="Muistutus",
                            purpose=REMINDER,
                            content_type=session_type,
                            object_id=str(session.pk),
                            idempotency_key=f"bench:{session.pk}:{enrolment.pk}",
                            status=Message.Status.FAILED if failed else Message.Status.DELIVERED,
                            reason=Message.Reason.UNDELIVERED if failed else "",
                        )
                    )
        Message.objects.bulk_create(reminders, batch_size=5000)
        done("reminders", len(reminders))
        del marks, evaluation_rows, reminders, present_pairs

        # Feedback: cards and the survey in the first twenty units, eight colours each.
        colours = [c for c, _label in WorkerCode.Colour.choices][:COLOURS]
        codes = WorkerCode.objects.bulk_create(
            WorkerCode(unit=units[u], worker=staff[UNITS + u * COLOURS + c], colour=colours[c])
            for u in range(FEEDBACK_UNITS)
            for c in range(COLOURS)
        )
        codes_of = {u.pk: [c for c in codes if c.unit_id == u.pk] for u in units[:FEEDBACK_UNITS]}
        versions = {}
        for code in ("card", "survey"):
            instrument = Instrument.objects.get(code=code)
            version = version_current(instrument)
            # The rated questions and the background ones (gender as a choice, birth year).
            rated = [
                i
                for i in version.items.all()
                if i.scale in ("faces3", "faces5", "agree5", "choice", "year")
            ]
            versions[code] = (version, rated)
        responses, answers = [], []
        used = set()
        for number in range(n(RESPONSES)):
            code = "card" if number % 5 < 3 else "survey"
            version, rated = versions[code]
            unit = units[rng.randrange(FEEDBACK_UNITS)]
            worker = rng.choice([*codes_of[unit.pk], None])
            day = _when(rng, first_day, span - 3)
            if code == "survey":
                day = date(day.year, 11, rng.randint(1, 28))  # the survey month
                if day > today - timedelta(days=3):
                    day = date(day.year - 1, 11, day.day)
            hour = datetime.combine(day, clock(rng.randint(8, 15)), tzinfo=HELSINKI)
            response_id = rng.getrandbits(62)
            while response_id in used:
                response_id = rng.getrandbits(62)
            used.add(response_id)
            responses.append(
                (
                    response_id,
                    uuid.UUID(int=rng.getrandbits(128)),
                    version.pk,
                    "kiosk",
                    "fi",
                    unit.pk,
                    worker.pk if worker else None,
                    hour,
                )
            )
            for item in rated:
                if rng.random() < 0.95:
                    if item.scale == "year":
                        value = rng.randint(1950, 2004)
                    else:
                        top = 3 if item.scale == "faces3" else 2 if item.scale == "choice" else 5
                        value = rng.randint(1, top)
                    answers.append((response_id, item.pk, value, "", False))
        _copy(
            "feedback_response",
            [
                "id",
                "key",
                "version_id",
                "channel",
                "language",
                "unit_id",
                "worker_code_id",
                "submitted_hour",
            ],
            responses,
        )
        done("feedback responses", len(responses))
        done(
            "feedback answers",
            _copy(
                "feedback_answer", ["response_id", "item_id", "value", "text", "hidden"], answers
            ),
        )
        del responses, answers

        # Councils, their meetings and proposals.
        councils = []
        for number in range(COUNCILS):
            council = Council(name=f"Asiakasraati {number + 1}", responsible=staff[UNITS + number])
            councils.append(council)
        councils = Council.objects.bulk_create(councils)
        Council.units.through.objects.bulk_create(
            Council.units.through(council=council, unit=units[i % UNITS])
            for i, council in enumerate(councils)
        )
        meetings = []
        for number in range(n(MEETINGS)):
            starts = datetime.combine(_when(rng, first_day, span), clock(13), tzinfo=HELSINKI)
            meetings.append(
                Meeting(
                    council=councils[number % COUNCILS],
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                )
            )
        Meeting.objects.bulk_create(meetings, batch_size=2000)
        proposals = []
        management = staff[-1]
        for number in range(n(PROPOSALS)):
            sent = datetime.combine(_when(rng, first_day, span - 60), clock(12), tzinfo=HELSINKI)
            answered = sent.date() + timedelta(days=rng.randint(5, 60))
            open_one = answered > today or rng.random() < 0.1
            proposals.append(
                Proposal(
                    council=councils[number % COUNCILS],
                    title=f"Aloite {number}",
                    text="Ehdotus palvelun parantamiseksi.",
                    recipient_kind=Proposal.Recipient.MANAGER,
                    recipient_user=management,
                    responsible=councils[number % COUNCILS].responsible,
                    status=Proposal.Status.SENT if open_one else Proposal.Status.CLOSED,
                    sent_at=sent,
                    deadline=sent.date() + timedelta(days=30),
                    answered_on=None if open_one else answered,
                    outcome="" if open_one else rng.choice(("changed", "partly", "not_changed")),
                )
            )
        Proposal.objects.bulk_create(proposals, batch_size=2000)
        done("councils", len(councils))
        done("council meetings", len(meetings))
        done("proposals", len(proposals))

        # Experts: each booked on days of their own, never twice at one time.
        experts = Expert.objects.bulk_create(
            Expert(client=clients[i], status=Expert.Status.ACTIVE) for i in range(n(EXPERTS))
        )
        kinds = [kind for kind, _label in AssignmentType.choices]
        orders, bookings = [], []
        per_expert = max(1, n(BOOKINGS) // len(experts))
        for expert in experts:
            days = sorted(rng.sample(range(span - 1), min(per_expert, span - 1)))
            for day in days:
                starts = datetime.combine(
                    first_day + timedelta(days=day), clock(12), tzinfo=HELSINKI
                )
                orders.append(
                    Order(
                        assignment_type=rng.choice(kinds),
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=2),
                        topic="Kokemuspuheenvuoro",
                        unit=units[rng.randrange(UNITS)],
                        status=Order.Status.DONE if starts < now else Order.Status.CONFIRMED,
                    )
                )
                bookings.append(expert)
        orders = Order.objects.bulk_create(orders, batch_size=5000)
        from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

        Booking.objects.bulk_create(
            (
                Booking(
                    order=order,
                    expert=expert,
                    status=Booking.Status.DONE
                    if order.starts_at < now
                    else Booking.Status.CONFIRMED,
                    during=DateTimeTZRange(order.starts_at, order.ends_at),
                    asked_at=order.starts_at - timedelta(days=14),
                    fee=60,
                    fee_state=Booking.FeeState.PAID
                    if order.starts_at < now
                    else Booking.FeeState.AGREED,
                )
                for order, expert in zip(orders, bookings, strict=True)
                for past in (order.starts_at < now,)
            ),
            batch_size=5000,
        )
        done("experts", len(experts))
        done("expert bookings", len(orders))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    say(f"  loaded in {time.perf_counter() - started:.1f} s")
    return counts
