"""Reads about councils for whoever may see them: lists, the council's and the meeting's
pages, the packet's contents and the manager's tasks."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from councils import permissions
from councils.models import (
    HOURS_GUIDELINE,
    MAX_SIZE,
    STAFF_WANTED,
    AgendaItem,
    Attendance,
    Candidate,
    Commission,
    Council,
    CouncilStaff,
    Kickoff,
    Meeting,
    Membership,
    Minutes,
    Output,
    Proposal,
    Topic,
)
from socialwork.core.routers import read_connection
from socialwork.people.models import Role, RoleAssignment, Unit
from socialwork.people.permissions import has_role, unit_ids_with_role


def council_list_for_user(user) -> QuerySet[Council]:
    """The councils a worker leads, those of the units a supervisor leads, and for
    management all of them; with the figures the list shows."""
    councils = Council.objects.all()
    if not permissions.sees_all_councils(user):
        supervised = unit_ids_with_role(user, Role.SUPERVISOR)
        councils = councils.filter(
            Q(pk__in=CouncilStaff.objects.filter(user=user).values("council_id"))
            | Q(
                pk__in=Council.units.through.objects.filter(unit_id__in=supervised).values(
                    "council_id"
                )
            )
        )
    next_meeting = (
        Meeting.objects.filter(
            council=OuterRef("pk"), cancelled_at__isnull=True, starts_at__gte=timezone.now()
        )
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    members = (
        Membership.objects.filter(council=OuterRef("pk"), status=Membership.Status.ACTIVE)
        .order_by()
        .values("council")
        .annotate(n=Count("pk"))
        .values("n")
    )
    today = timezone.localdate()
    waiting = (
        Proposal.objects.filter(council=OuterRef("pk"), status=Proposal.Status.SENT)
        .order_by()
        .values("council")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(deadline__lt=today)))
    )
    return (
        councils.select_related("responsible")
        .prefetch_related(Prefetch("units", queryset=Unit.objects.order_by("name")))
        .annotate(
            member_count=Subquery(members[:1]),
            next_meeting_at=Subquery(next_meeting),
            waiting_count=Subquery(waiting.values("n")[:1]),
            overdue_count=Subquery(waiting.values("late")[:1]),
        )
        .order_by("name", "id")
    )


def council_units_for_user(user) -> QuerySet[Unit]:
    return Unit.objects.filter(
        pk__in=Council.units.through.objects.filter(
            council__in=council_list_for_user(user).values("pk")
        ).values("unit_id")
    ).order_by("name")


def council_get_for_user(user, pk) -> Council | None:
    return council_list_for_user(user).filter(pk=pk).first()


def council_staff(council: Council) -> list[CouncilStaff]:
    return list(council.staff.select_related("user").order_by("id"))


def council_warnings(council: Council, staff: list[CouncilStaff], members: int) -> list[str]:
    """What the model asks for and this council does not have: said, never enforced."""
    warnings = []
    if council.target_size > MAX_SIZE or members > MAX_SIZE:
        warnings.append(
            _("The model's council has at most %(max)d members (ideally 10–15).")
            % {"max": MAX_SIZE}
        )
    if len(staff) < STAFF_WANTED:
        warnings.append(
            ngettext(
                "The council has %(count)d leader. The model asks for three workers.",
                "The council has %(count)d leaders. The model asks for three workers.",
                len(staff),
            )
            % {"count": len(staff)}
        )
    social_workers = RoleAssignment.objects.filter(
        user_id__in=[s.user_id for s in staff], role=Role.SOCIAL_WORKER
    )
    if not social_workers.exists():
        warnings.append(_("None of the leaders is a social worker. The model asks for one."))
    return warnings


def members_of(council: Council) -> list[Membership]:
    return list(
        council.memberships.filter(client__isnull=False)
        .select_related("client__unit")
        .order_by("status", "client__last_name", "client__first_name", "id")
    )


# The funnel's order for lists, the decided last.
STAGE_ORDER = Case(
    *(When(stage=value, then=Value(i)) for i, value in enumerate(Candidate.Stage.values)),
    output_field=IntegerField(),
)


def candidates_of(council: Council, **filters) -> list[Candidate]:
    return list(
        council.candidates.filter(**filters)
        .select_related("client", "referred_by", "kickoff")
        .annotate(has_interview=Count("interview"), stage_order=STAGE_ORDER)
        .order_by("stage_order", "client__last_name", "client__first_name", "id")
    )


def funnel_counts(council: Council) -> list[tuple[str, int]]:
    """How many candidates are at each stage, in the funnel's order (counts only: what
    supervisors and management may see too)."""
    counts = dict(
        council.candidates.values_list("stage").annotate(n=Count("id")).values_list("stage", "n")
    )
    return [(label, counts.get(value, 0)) for value, label in Candidate.Stage.choices]


def candidate_get_for_user(user, pk) -> Candidate | None:
    """A candidate, for the council's leaders only (everyone else gets a 404)."""
    candidate = (
        Candidate.objects.select_related("council", "client", "kickoff", "referred_by")
        .filter(pk=pk)
        .first()
    )
    if candidate is None or not permissions.can_view_members(user, candidate.council):
        return None
    return candidate


def slips_for(council: Council, user) -> list:
    """Open contact slips, among those the user reads, of people interested in a council,
    from the council's units or without a unit: the leaders turn them into candidates."""
    from feedback.models import ContactSlip
    from feedback.selectors import contact_slips_open

    return contact_slips_open(
        user,
        interests=(ContactSlip.Interest.COUNCIL, ContactSlip.Interest.EITHER),
        units=council.units.all(),
    )


NOT_YET_CAME = (Candidate.Stage.INTERESTED, Candidate.Stage.INVITED)


def invitable(council: Council) -> list[Candidate]:
    """Who may be invited to a kick-off: the interested, and the invited who did not come
    (to the next event). Someone who came, or has a decision, is past the event."""
    return candidates_of(council, stage__in=NOT_YET_CAME)


def kickoffs_of(council: Council) -> list[Kickoff]:
    return list(
        council.kickoffs.annotate(
            invited=Count("candidates"),
            came=Count(
                "candidates",
                filter=~Q(
                    candidates__stage__in=(Candidate.Stage.INTERESTED, Candidate.Stage.INVITED)
                ),
            ),
        ).order_by("-starts_at")
    )


def kickoff_get_for_user(user, pk) -> Kickoff | None:
    kickoff = Kickoff.objects.select_related("council").filter(pk=pk).first()
    if kickoff is None or council_get_for_user(user, kickoff.council_id) is None:
        return None
    return kickoff


def kickoff_messages(kickoff: Kickoff) -> dict[int, object]:
    """The invitation each candidate was sent, by client, for the delivery column."""
    from councils import notices
    from socialwork.messaging.models import Message

    return {
        m.client_id: m
        for m in Message.objects.filter(
            purpose=notices.KICKOFF,
            idempotency_key__startswith=f"councils.kickoff-{kickoff.pk}-",
        )
    }


def meetings_of(council: Council) -> QuerySet[Meeting]:
    present = Count("attendance", filter=Q(attendance__status=Attendance.Status.PRESENT))
    return council.meetings.annotate(
        present_count=present,
        approved=Count("minutes", filter=Q(minutes__status=Minutes.Status.APPROVED)),
        drafted=Count("minutes", filter=Q(minutes__status=Minutes.Status.DRAFT)),
    ).order_by("starts_at", "id")


def topics_waiting(council: Council) -> list[Topic]:
    return list(council.topics.filter(status=Topic.Status.WAITING).order_by("created_at", "id"))


def proposals_of(council: Council) -> list[Proposal]:
    return list(
        council.proposals.select_related(
            "recipient_user", "recipient_unit", "reported_at"
        ).order_by("-created_at", "-id")
    )


@dataclass
class ProposalGroups:
    drafts: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    answered: list = field(default_factory=list)
    closed: list = field(default_factory=list)


def proposals_grouped(proposals: list[Proposal], today: date | None = None) -> ProposalGroups:
    today = today or timezone.localdate()
    groups = ProposalGroups()
    for proposal in proposals:
        if proposal.status == Proposal.Status.DRAFT:
            groups.drafts.append(proposal)
        elif proposal.status == Proposal.Status.SENT:
            late = proposal.deadline is not None and proposal.deadline < today
            (groups.overdue if late else groups.waiting).append(proposal)
        elif proposal.status == Proposal.Status.CLOSED:
            groups.closed.append(proposal)
        else:
            groups.answered.append(proposal)
    return groups


@dataclass
class Hours:
    month: date
    this_month: Decimal
    per_leader: Decimal
    guideline: tuple[int, int]
    mine: Decimal | None


def hours_of(council: Council, user, leaders: int) -> Hours:
    month = timezone.localdate().replace(day=1)
    rows = council.hours.filter(month=month)
    total = rows.aggregate(total=Sum("hours"))["total"] or Decimal("0")
    mine = rows.filter(user=user).values_list("hours", flat=True).first()
    per_leader = (total / leaders).quantize(Decimal("0.1")) if leaders else Decimal("0")
    return Hours(month, total, per_leader, HOURS_GUIDELINE, mine)


def hours_history(council: Council) -> list[dict]:
    return list(council.hours.values("month").annotate(total=Sum("hours")).order_by("-month")[:12])


def commissions_of(council: Council) -> list[Commission]:
    return list(council.commissions.select_related("given_by").order_by("status", "due_on"))


def outputs_of(council: Council) -> list[Output]:
    return list(council.outputs.order_by("-produced_on", "-id"))


# --- Meetings --------------------------------------------------------------------------------


def meeting_get_for_user(user, pk) -> Meeting | None:
    meeting = (
        Meeting.objects.select_related("council", "chair", "secretary", "presenter")
        .filter(pk=pk)
        .first()
    )
    if meeting is None or council_get_for_user(user, meeting.council_id) is None:
        return None
    return meeting


def agenda_of(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.agenda.select_related("topic").order_by("position", "id"))


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        meeting.council.meetings.filter(starts_at__lt=meeting.starts_at, cancelled_at__isnull=True)
        .order_by("-starts_at")
        .first()
    )


def later_meetings_begun(meeting: Meeting) -> list[Meeting]:
    """The meetings at which these minutes can be approved: later ones that have begun."""
    today_end = timezone.localtime().replace(hour=23, minute=59, second=59)
    return list(
        meeting.council.meetings.filter(
            starts_at__gt=meeting.starts_at, starts_at__lte=today_end, cancelled_at__isnull=True
        ).order_by("starts_at")
    )


def minutes_versions(meeting: Meeting) -> list[Minutes]:
    return list(
        meeting.minutes.select_related("written_by", "approved_at_meeting")
        .prefetch_related("agreements")
        .order_by("-version")
    )


def attendance_rows(meeting: Meeting) -> list[tuple[Membership, Attendance | None]]:
    """Active and resting members, and alumni who came as guests, with their marks."""
    marks = {a.membership_id: a for a in meeting.attendance.all()}
    members = (
        meeting.council.memberships.filter(
            Q(status__in=(Membership.Status.ACTIVE, Membership.Status.ON_BREAK))
            | Q(pk__in=list(marks))
        )
        .select_related("client")
        .order_by("client__last_name", "client__first_name", "id")
    )
    return [(m, marks.get(m.pk)) for m in members]


def reply_counts(meeting: Meeting) -> dict[str, int]:
    counts = dict(meeting.attendance.exclude(reply="").values_list("reply").annotate(n=Count("pk")))
    return {
        "coming": counts.get(Attendance.Reply.COMING, 0),
        "not_coming": counts.get(Attendance.Reply.NOT_COMING, 0),
    }


def minutes_current(meeting: Meeting) -> Minutes | None:
    """The draft being written, else the approved version."""
    versions = {m.status: m for m in meeting.minutes.exclude(status=Minutes.Status.SUPERSEDED)}
    return versions.get(Minutes.Status.DRAFT) or versions.get(Minutes.Status.APPROVED)


# The packet's PDFs are documents of this kind, one per language ("<meeting>:<language>").
PACKET_KIND = "councils.packet"


def receiving_members(meeting: Meeting) -> QuerySet[Membership]:
    """Who gets the packet and the reminders: the council's active members."""
    return (
        Membership.objects.filter(
            council_id=meeting.council_id,
            status__in=Membership.RECEIVING,
            client__isnull=False,
        )
        .select_related("client__unit")
        .order_by("pk")
    )


def packet_documents(meeting: Meeting) -> dict:
    """language -> the newest packet PDF of the meeting in that language."""
    from socialwork.documents.models import Document

    documents = {}
    for document in Document.objects.filter(
        kind=PACKET_KIND, object_id__startswith=f"{meeting.pk}:"
    ).order_by("requested_at", "pk"):
        documents[document.object_id.split(":", 1)[1]] = document
    return documents


def delivery_rows(meeting: Meeting) -> list[tuple[Membership, object, str]]:
    """Per member: what went (the delivery and its outbox message) and their reply."""
    deliveries = {d.membership_id: d for d in meeting.deliveries.select_related("message")}
    replies = dict(meeting.attendance.exclude(reply="").values_list("membership_id", "reply"))
    labels = dict(Attendance.Reply.choices)
    return [
        (m, deliveries.get(m.pk), labels.get(replies.get(m.pk), ""))
        for m in receiving_members(meeting)
    ]


def packet_contents(meeting: Meeting) -> dict:
    """What the packet holds, for the PDF and the member's page alike."""
    previous = previous_meeting(meeting)
    minutes = None
    if previous is not None:
        versions = {m.status: m for m in previous.minutes.prefetch_related("agreements")}
        minutes = versions.get(Minutes.Status.APPROVED) or versions.get(Minutes.Status.DRAFT)
    return {
        "meeting": meeting,
        "council": meeting.council,
        "agenda": agenda_of(meeting),
        "previous": previous,
        "previous_minutes": minutes,
        "attachments": list(meeting.attachments.all()),
    }


# --- Proposals -------------------------------------------------------------------------------


def proposal_get_for_user(user, pk) -> Proposal | None:
    proposal = (
        Proposal.objects.select_related(
            "council", "meeting", "recipient_user", "recipient_unit", "responsible", "reported_at"
        )
        .filter(pk=pk)
        .first()
    )
    if proposal is None or not permissions.can_view_proposal(user, proposal):
        return None
    return proposal


def proposals_to_answer(user) -> list[Proposal]:
    """The manager's tasks: proposals sent to them and not answered, by deadline."""
    if not has_role(user, *permissions.MANAGER_ROLES):
        return []
    return list(
        Proposal.objects.filter(
            status=Proposal.Status.SENT,
            recipient_kind=Proposal.Recipient.MANAGER,
            recipient_user=user,
        )
        .select_related("council")
        .order_by("deadline", "id")
    )


def managers() -> QuerySet:
    from socialwork.people.models import User

    return (
        User.objects.filter(is_active=True, role_assignments__role__in=permissions.MANAGER_ROLES)
        .distinct()
        .order_by("last_name", "first_name")
    )


def client_memberships(client) -> list[Membership]:
    return list(
        Membership.objects.filter(client=client).select_related("council").order_by("-starts_on")
    )


def client_candidacies(client) -> list[Candidate]:
    return list(
        Candidate.objects.filter(client=client).select_related("council").order_by("-created_at")
    )


def client_removal_lines(client) -> list[str]:
    lines = []
    count = Membership.objects.filter(client=client).count()
    if count:
        lines.append(
            ngettext(
                "%(count)d council membership: the meetings keep the attendance, without the name.",
                "%(count)d council memberships: the meetings keep the attendance, without the "
                "name.",
                count,
            )
            % {"count": count}
        )
    candidacies = Candidate.objects.filter(client=client).count()
    if candidacies:
        lines.append(
            ngettext(
                "%(count)d council candidacy, with its interview: removed.",
                "%(count)d council candidacies, with their interviews: removed.",
                candidacies,
            )
            % {"count": candidacies}
        )
    return lines


def feedback_round(council: Council, today: date | None = None):
    """The council's round of its members' feedback open today, if any."""
    from feedback.selectors import scoped_campaign_open_on

    return scoped_campaign_open_on(council.feedback_scope, today or timezone.localdate())


# --- Figures for dashboards and reports (read by reporting) --------------------------------

_PROPOSAL_SQL = """
WITH chosen AS (
    SELECT p.* FROM councils_proposal p
    WHERE p.status <> %(draft)s
      AND (%(all)s OR p.council_id IN (
          SELECT council_id FROM councils_council_units WHERE unit_id = ANY (%(units)s)))
)
SELECT 'sent', extract(year FROM sent_at AT TIME ZONE %(tz)s)::int,
       extract(month FROM sent_at AT TIME ZONE %(tz)s)::int, kind, count(*)
FROM chosen WHERE sent_at >= %(start)s AND sent_at < %(end)s GROUP BY 2, 3, 4
UNION ALL
SELECT 'answered', extract(year FROM answered_on)::int, extract(month FROM answered_on)::int,
       '', count(*)
FROM chosen WHERE answered_on >= %(first_day)s AND answered_on < %(last_day)s GROUP BY 2, 3
UNION ALL
SELECT 'outcome', extract(year FROM answered_on)::int, extract(month FROM answered_on)::int,
       outcome, count(*)
FROM chosen WHERE outcome <> '' AND answered_on >= %(first_day)s AND answered_on < %(last_day)s
GROUP BY 2, 3, 4
"""

# The median wait for an answer, of the answers given in each month and over the months
# asked (a median is no sum: the database takes it for each).
_MEDIAN_SQL = """
WITH chosen AS (
    SELECT extract(year FROM p.answered_on)::int AS year,
           extract(month FROM p.answered_on)::int AS month,
           p.answered_on - (p.sent_at AT TIME ZONE %(tz)s)::date AS days
    FROM councils_proposal p
    WHERE p.answered_on IS NOT NULL AND p.sent_at IS NOT NULL
      AND p.answered_on >= %(first_day)s AND p.answered_on < %(last_day)s
      AND (%(all)s OR p.council_id IN (
          SELECT council_id FROM councils_council_units WHERE unit_id = ANY (%(units)s)))
)
SELECT year, GROUPING(month), month,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY days),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE month <= %(months)s)
FROM chosen
GROUP BY year, ROLLUP (month)
"""


def proposal_figures(*, unit_ids, first_year: int, last_year: int, months: int = 12) -> dict:
    """Proposals and statements of the councils of `unit_ids` (None: every council) by
    month: sent (by kind), answered, outcomes; the median days to an answer per month and
    over the first `months` months; and the answers overdue today. Three queries.

    {"facts": {year: {(month, what, detail): n}}, "median": {year: {month or 0: days}},
     "overdue": n, "waiting": n}"""
    tz = timezone.get_default_timezone()
    params = {
        "draft": Proposal.Status.DRAFT,
        "all": unit_ids is None,
        "units": list(unit_ids or []),
        "tz": settings.TIME_ZONE,
        "start": datetime(first_year, 1, 1, tzinfo=tz),
        "end": datetime(last_year + 1, 1, 1, tzinfo=tz),
        "first_day": date(first_year, 1, 1),
        "last_day": date(last_year + 1, 1, 1),
        "months": months,
    }
    facts: dict = {year: {} for year in range(first_year, last_year + 1)}
    median: dict = {year: {} for year in range(first_year, last_year + 1)}
    with read_connection().cursor() as cursor:
        cursor.execute(_PROPOSAL_SQL, params)
        for what, year, month, detail, count in cursor.fetchall():
            facts.setdefault(year, {})[(month, what, detail or "")] = count
        cursor.execute(_MEDIAN_SQL, params)
        for year, whole, month, days, days_so_far in cursor.fetchall():
            # 0: over the months asked (a year to date, or the same months a year before).
            median.setdefault(year, {})[0 if whole else month] = days_so_far if whole else days
    chosen = Proposal.objects.filter(status=Proposal.Status.SENT)
    if unit_ids is not None:
        chosen = chosen.filter(council__units__in=unit_ids).distinct()
    today = timezone.localdate()
    counts = chosen.aggregate(
        waiting=Count("pk", distinct=True),
        overdue=Count("pk", filter=Q(deadline__lt=today), distinct=True),
    )
    return {"facts": facts, "median": median, **counts}


@dataclass
class CouncilYear:
    """One council's year for the annual summary: its meetings and what it sent."""

    council: Council
    meetings_held: int = 0
    meetings_cancelled: int = 0
    proposals: list = field(default_factory=list)


def councils_year(*, unit_ids, year: int) -> list[CouncilYear]:
    """The year of every council of `unit_ids` (None: all): meetings held and cancelled,
    and the proposals and statements sent that year with their answers and outcomes. The
    council's work, not its members: nobody is named but the recipient. Two queries."""
    tz = timezone.get_default_timezone()
    start, end = datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)
    now = timezone.now()
    councils = Council.objects.all()
    if unit_ids is not None:
        # A subquery, not a join: a council of two chosen units would count twice.
        councils = councils.filter(
            pk__in=Council.units.through.objects.filter(unit_id__in=unit_ids).values("council_id")
        )
    in_year = Q(meetings__starts_at__gte=start, meetings__starts_at__lt=min(end, now))
    councils = councils.annotate(
        held=Count("meetings", filter=in_year & Q(meetings__cancelled_at__isnull=True)),
        cancelled=Count("meetings", filter=in_year & Q(meetings__cancelled_at__isnull=False)),
    ).order_by("name", "pk")
    rows = {
        council.pk: CouncilYear(
            council=council, meetings_held=council.held, meetings_cancelled=council.cancelled
        )
        for council in councils
    }
    proposals = (
        Proposal.objects.filter(council_id__in=rows, sent_at__gte=start, sent_at__lt=end)
        .exclude(status=Proposal.Status.DRAFT)
        .select_related("recipient_user", "recipient_unit")
        .order_by("sent_at", "pk")
    )
    for proposal in proposals:
        rows[proposal.council_id].proposals.append(proposal)
    return [row for row in rows.values() if row.meetings_held or row.proposals]


def proposals_for_user(user) -> QuerySet[Proposal]:
    """The proposals and statements sent by the councils the user sees (drafts stay the
    leaders'), with what the list shows."""
    return (
        Proposal.objects.filter(council__in=council_list_for_user(user).values("pk"))
        .exclude(status=Proposal.Status.DRAFT)
        .select_related("council", "recipient_user", "recipient_unit")
        .order_by("-sent_at", "-pk")
    )


def councils_taking_topics(unit_ids) -> QuerySet[Council]:
    """The councils of these units that still take topics to their backlog (not ended):
    where another app routes what clients said (a participation event's ideas)."""
    return (
        Council.objects.filter(units__in=list(unit_ids))
        .exclude(status=Council.Status.ENDED)
        .distinct()
        .order_by("name")
    )
