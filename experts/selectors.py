"""Reads about experts: the roster of published CVs for staff, and the coordinator's own
lists."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from experts.models import (
    CV,
    Booking,
    DiaryEntry,
    Expert,
    FeeBatch,
    Gathering,
    GatheringAttendance,
    Interview,
    Order,
    Organisation,
)
from socialwork.core.routers import read_connection

# The experts whose CV staff may order from.
ON_ROSTER = (Expert.Status.ACTIVE, Expert.Status.RESTING)


def roster() -> QuerySet[CV]:
    """The electronic CV folder: each listed expert's published CV."""
    return (
        CV.objects.filter(status=CV.Status.PUBLISHED, expert__status__in=ON_ROSTER)
        .select_related("expert")
        .order_by("name", "id")
    )


def cv_for_staff(pk) -> CV | None:
    return roster().filter(pk=pk).first()


def experts_for_coordinator() -> QuerySet[Expert]:
    newest = CV.objects.filter(expert=OuterRef("pk")).order_by("-version")
    return (
        Expert.objects.select_related("client")
        .annotate(
            cv_status=Subquery(newest.values("status")[:1]),
            published=Subquery(
                CV.objects.filter(expert=OuterRef("pk"), status=CV.Status.PUBLISHED).values("pk")[
                    :1
                ]
            ),
        )
        .order_by("client__last_name", "client__first_name", "id")
    )


def expert_get(pk) -> Expert | None:
    return Expert.objects.select_related("client", "client__unit").filter(pk=pk).first()


def cv_versions(expert: Expert) -> list[CV]:
    return list(expert.cvs.select_related("approval_recorded_by").order_by("-version"))


def cv_draft(expert: Expert) -> CV | None:
    return expert.cvs.filter(status__in=(CV.Status.DRAFT, CV.Status.APPROVED)).first()


def search_q(text: str) -> Q:
    return (
        Q(name__icontains=text)
        | Q(background__icontains=text)
        | Q(story__icontains=text)
        | Q(motto__icontains=text)
    )


# --- Recruitment and the private file ---------------------------------------------------------


def funnel_counts() -> dict[str, int]:
    counts = dict(
        Expert.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in Expert.FUNNEL}


def private_file(pk) -> Expert | None:
    return (
        Expert.objects.select_related("client", "client__unit", "page_link", "referred_by")
        .prefetch_related("trainings")
        .filter(pk=pk)
        .first()
    )


def interview_of(expert: Expert):
    return Interview.objects.filter(expert=expert).prefetch_related("interviewers").first()


def fee_totals(expert: Expert, today: date | None = None) -> dict[str, Decimal]:
    """The fees owed to the expert this month and this year, by the event's date: the
    coordinator watches them because fees can interact with the expert's benefits."""
    from experts.services.fees import OWED_Q

    today = today or timezone.localdate()
    owed = expert.bookings.filter(OWED_Q).exclude(fee_state=Booking.FeeState.NONE)
    year = owed.filter(order__starts_at__year=today.year)
    sums = year.aggregate(
        year=Sum("fee"),
        month=Sum("fee", filter=Q(order__starts_at__month=today.month)),
        paid=Sum("fee", filter=Q(fee_state=Booking.FeeState.PAID)),
    )
    return {key: value or Decimal("0.00") for key, value in sums.items()}


def bookings_of(expert: Expert) -> QuerySet[Booking]:
    return expert.bookings.select_related("order", "order__unit", "order__organisation").order_by(
        "-order__starts_at"
    )


def attendance_of(expert: Expert):
    return (
        GatheringAttendance.objects.filter(expert=expert)
        .select_related("gathering")
        .order_by("-gathering__starts_at")
    )


def open_slips(user):
    """Contact slips of people interested in expert work, for the coordinator."""
    from feedback.models import ContactSlip
    from feedback.selectors import contact_slips_list

    return list(
        contact_slips_list(user)
        .filter(
            handled_at__isnull=True,
            interest__in=(ContactSlip.Interest.EXPERT, ContactSlip.Interest.EITHER),
        )
        .order_by("received_on", "name")
    )


# --- Orders ------------------------------------------------------------------------------------


def orders_for_user(user) -> QuerySet[Order]:
    """The coordinator sees every order; a worker their own; a supervisor those of their
    units (no client is named to either beyond the orderer)."""
    from experts.permissions import is_coordinator
    from socialwork.people.models import Role
    from socialwork.people.permissions import unit_ids_with_role

    orders = Order.objects.select_related("unit", "organisation", "ordered_by").annotate(
        confirmed_count=Count("bookings", filter=Q(bookings__status__in=Booking.HOLDING)),
        waiting_count=Count("bookings", filter=Q(bookings__status__in=Booking.WAITING)),
    )
    if is_coordinator(user):
        return orders
    supervised = unit_ids_with_role(user, Role.SUPERVISOR)
    return orders.filter(Q(ordered_by=user) | Q(created_by=user) | Q(unit_id__in=supervised))


def order_get_for_user(user, pk) -> Order | None:
    return (
        orders_for_user(user)
        .select_related("client", "consent", "consent__recorded_by", "created_by")
        .filter(pk=pk)
        .first()
    )


def bookings_for_order(order: Order) -> list[Booking]:
    return list(
        order.bookings.select_related("expert__client", "asked_by").order_by("status", "asked_at")
    )


def busy_expert_ids(starts_at, ends_at, exclude_order=None) -> set[int]:
    busy = Booking.objects.filter(
        status__in=Booking.HOLDING,
        during__overlap=DateTimeTZRange(starts_at, ends_at, "[)"),
    )
    if exclude_order is not None:
        busy = busy.exclude(order=exclude_order)
    return set(busy.values_list("expert_id", flat=True))


def suggestions(order: Order, limit: int = 8) -> list[dict]:
    """Experts to propose: active, on the roster, free at the order's time, taking this kind
    of assignment and speaking its language; the more wished-for experience areas, the
    higher, and among equals those with fewer assignments this year first (fair turns)."""
    busy = busy_expert_ids(order.starts_at, order.ends_at, exclude_order=order)
    asked = set(order.bookings.values_list("expert_id", flat=True))
    year = order.starts_at.year
    cvs = (
        CV.objects.filter(status=CV.Status.PUBLISHED, expert__status=Expert.Status.ACTIVE)
        .exclude(expert_id__in=busy | asked)
        .select_related("expert__client")
        .annotate(
            this_year=Count(
                "expert__bookings",
                filter=Q(
                    expert__bookings__status__in=Booking.HOLDING,
                    expert__bookings__order__starts_at__year=year,
                ),
            )
        )
    )
    result = []
    for cv in cvs:
        if order.assignment_type not in cv.assignment_types and cv.assignment_types:
            continue
        if order.language not in cv.languages and cv.languages:
            continue
        matched = [code for code in order.areas if code in cv.areas]
        if order.areas and not matched:
            continue
        result.append(
            {"cv": cv, "expert": cv.expert, "matched": matched, "this_year": cv.this_year}
        )
    result.sort(
        key=lambda row: (
            row["expert"].pk != order.wished_expert_id,
            -len(row["matched"]),
            row["this_year"],
            row["cv"].name,
        )
    )
    return result[:limit]


# --- Fees ------------------------------------------------------------------------------------


def fees(*, month: date | None = None, state: str = "") -> QuerySet[Booking]:
    from experts.services.fees import OWED_Q

    rows = (
        Booking.objects.filter(OWED_Q)
        .exclude(fee_state=Booking.FeeState.NONE)
        .select_related("order", "order__unit", "order__organisation", "expert__client", "batch")
        .order_by("-order__starts_at", "id")
    )
    if month is not None:
        rows = rows.filter(order__starts_at__year=month.year, order__starts_at__month=month.month)
    if state:
        rows = rows.filter(fee_state=state)
    return rows


def payroll_rows(batch: FeeBatch) -> list[list]:
    """One row per fee: the payroll reference (an employee number, never an identity code),
    the name, the assignment, the date, the amount and the cost centre."""
    rows = []
    for booking in batch.bookings.select_related("order", "order__unit", "expert__client").order_by(
        "expert__client__last_name", "order__starts_at"
    ):
        order = booking.order
        rows.append(
            [
                booking.expert.payroll_reference,
                booking.expert.client.full_name,
                str(order.get_assignment_type_display()),
                timezone.localtime(order.starts_at).date(),
                booking.fee,
                order.cost_centre,
                str(order.unit or ""),
            ]
        )
    return rows


def batches(kind: str) -> QuerySet[FeeBatch]:
    return (
        FeeBatch.objects.filter(kind=kind)
        .select_related("organisation", "document", "created_by")
        .annotate(total=Sum("bookings__fee"), count=Count("bookings"))
    )


def organisations_to_invoice(month: date) -> list:
    from experts.services.fees import payable_for_invoice

    result = []
    for organisation in Organisation.objects.filter(orders__isnull=False).distinct():
        rows = payable_for_invoice(month, organisation)
        total = rows.aggregate(total=Sum("fee"))["total"]
        if total:
            result.append({"organisation": organisation, "total": total, "count": rows.count()})
    return result


# --- The expert's page ---------------------------------------------------------------------------


def expert_for_page(link) -> Expert | None:
    return (
        Expert.objects.select_related("client")
        .filter(page_link=link)
        .exclude(status=Expert.Status.ENDED)
        .first()
    )


def page_requests(expert: Expert) -> list[Booking]:
    return list(
        expert.bookings.filter(
            status=Booking.Status.ASKED,
            order__status__in=(Order.Status.NEW, Order.Status.ASKING),
            order__starts_at__gt=timezone.now(),
        )
        .select_related("order")
        .order_by("order__starts_at")
    )


def page_upcoming(expert: Expert) -> list[Booking]:
    return list(
        expert.bookings.filter(
            status__in=(Booking.Status.CONFIRMED, Booking.Status.ACCEPTED),
            order__ends_at__gt=timezone.now(),
        )
        .select_related("order")
        .order_by("order__starts_at")
    )


def page_recent(expert: Expert) -> list[Booking]:
    """Done in the last 60 days: where the expert writes their own feedback."""
    since = timezone.now() - timedelta(days=60)
    return list(
        expert.bookings.filter(status=Booking.Status.DONE, order__starts_at__gte=since)
        .select_related("order")
        .order_by("-order__starts_at")
    )


def published_cv(expert: Expert) -> CV | None:
    return expert.cvs.filter(status=CV.Status.PUBLISHED).first()


# --- Support ---------------------------------------------------------------------------------


def gatherings() -> QuerySet[Gathering]:
    return Gathering.objects.annotate(
        invited_count=Count("attendance"),
        present_count=Count("attendance", filter=Q(attendance__present=True)),
    ).order_by("-starts_at")


def gathering_get(pk) -> Gathering | None:
    return gatherings().filter(pk=pk).first()


def gathering_rows(gathering: Gathering):
    return list(
        gathering.attendance.select_related("expert__client").order_by(
            "expert__client__last_name", "expert__client__first_name"
        )
    )


def diary_experts() -> QuerySet[Expert]:
    return Expert.objects.filter(employment=Expert.Employment.SALARIED).select_related("client")


def diary_report(*, year: int, protected: bool) -> dict:
    """Contacts by month and topic in a year. `protected`: for anyone beyond the coordinator,
    counts that could point at one person are hidden (socialwork/core/disclosure)."""
    from socialwork.core.disclosure import ALL, Figure, Protected

    counts = (
        DiaryEntry.objects.filter(day__year=year)
        .values_list("day__month", "topic")
        .annotate(n=Count("id"))
    )
    base = {(month, topic): Figure(n=n) for month, topic, n in counts}
    months = list(range(1, 13))
    topics = list(DiaryEntry.Topic)
    shown = Protected(base) if protected and base else None

    def cell(key):
        if shown is None:
            total = sum(
                figure.n
                for k, figure in base.items()
                if all(a in (ALL, b) for a, b in zip(key, k, strict=True))
            )
            return {"n": total, "hidden": False}
        result = shown.shown(key)
        return {"n": result.figure.n if result.figure else 0, "hidden": result.hidden}

    rows = [
        {
            "topic": topic,
            "cells": [cell((month, topic.value)) for month in months],
            "total": cell((ALL, topic.value)),
        }
        for topic in topics
    ]
    return {
        "months": months,
        "rows": rows,
        "totals": [cell((month, ALL)) for month in months],
        "total": cell((ALL, ALL)),
        "protected": protected,
    }


def folder_document(pk=None, language: str = "fi"):
    """The newest CV folder PDF that still shows the roster as it is (made after the last
    publication), or the one asked for by its id."""
    from experts.documents import FOLDER
    from socialwork.documents.models import Document

    documents = Document.objects.filter(kind=FOLDER).order_by("-requested_at", "-id")
    if pk is not None:
        return documents.filter(pk=pk).first()
    documents = documents.filter(object_id=language)
    newest = (
        CV.objects.filter(published_at__isnull=False)
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    changed = (
        Expert.objects.filter(status_changed_at__isnull=False)
        .order_by("-status_changed_at")
        .values_list("status_changed_at", flat=True)
        .first()
    )
    since = max([t for t in (newest, changed) if t is not None], default=None)
    if since is not None:
        documents = documents.filter(requested_at__gte=since)
    return documents.exclude(status="failed").first()


def roster_name(expert_id) -> str:
    """The name an expert goes by on the roster (their published CV's)."""
    if not expert_id:
        return ""
    return (
        CV.objects.filter(expert_id=expert_id, status=CV.Status.PUBLISHED)
        .values_list("name", flat=True)
        .first()
        or ""
    )


def coordinator_tasks(user) -> dict[str, int]:
    from experts.services.fees import OWED_Q

    return {
        "new_orders": Order.objects.filter(status=Order.Status.NEW).count(),
        "to_confirm": Booking.objects.filter(
            status=Booking.Status.ACCEPTED, order__status__in=Order.OPEN
        ).count(),
        "fees_to_approve": Booking.objects.filter(OWED_Q, fee_state=Booking.FeeState.AGREED)
        .filter(fee__gt=0)
        .count(),
        "slips": len(open_slips(user)),
    }


def my_open_orders(user) -> list[Order]:
    return list(
        Order.objects.filter(
            Q(ordered_by=user) | Q(created_by=user), status__in=Order.OPEN
        ).order_by("starts_at")[:5]
    )


# --- Figures for dashboards and reports (read by reporting) --------------------------------

_ORDER_FIGURES_SQL = """
SELECT 'orders', o.unit_id, extract(year FROM o.starts_at AT TIME ZONE %(tz)s)::int,
       extract(month FROM o.starts_at AT TIME ZONE %(tz)s)::int,
       o.assignment_type || ':' || o.status, count(*), 0
FROM experts_order o WHERE o.starts_at >= %(start)s AND o.starts_at < %(end)s
GROUP BY 2, 3, 4, 5
UNION ALL
SELECT 'bookings', o.unit_id, extract(year FROM o.starts_at AT TIME ZONE %(tz)s)::int,
       extract(month FROM o.starts_at AT TIME ZONE %(tz)s)::int, o.assignment_type, count(*), 0
FROM experts_booking b JOIN experts_order o ON o.id = b.order_id
WHERE b.status = ANY (%(booked)s) AND o.starts_at >= %(start)s AND o.starts_at < %(end)s
GROUP BY 2, 3, 4, 5
UNION ALL
SELECT 'fees', o.unit_id, extract(year FROM o.starts_at AT TIME ZONE %(tz)s)::int,
       extract(month FROM o.starts_at AT TIME ZONE %(tz)s)::int,
       CASE WHEN o.organisation_id IS NULL THEN 'unit' ELSE 'outside' END, count(*), sum(b.fee)
FROM experts_booking b JOIN experts_order o ON o.id = b.order_id
WHERE b.fee IS NOT NULL AND b.fee_state <> %(no_fee)s
  AND o.starts_at >= %(start)s AND o.starts_at < %(end)s
GROUP BY 2, 3, 4, 5
UNION ALL
SELECT 'gatherings', NULL::bigint, extract(year FROM g.starts_at AT TIME ZONE %(tz)s)::int,
       extract(month FROM g.starts_at AT TIME ZONE %(tz)s)::int, g.kind, count(*), 0
FROM experts_gathering g
WHERE g.starts_at >= %(start)s AND g.starts_at < %(end)s AND g.starts_at <= %(now)s
GROUP BY 2, 3, 4, 5
"""


def order_figures(first_year: int, last_year: int) -> dict:
    """Orders (by assignment type and state) and bookings (by type) per ordering unit and
    month, fees (euros, by who pays) and the experts' gatherings held (supervision, joint
    meetings: the organisation's, no unit). One query.

    {what: {year: {(unit or None, month, detail): (count, euros)}}}; an outside
    organisation's order has no unit."""
    tz = timezone.get_default_timezone()
    params = {
        "tz": settings.TIME_ZONE,
        "start": datetime(first_year, 1, 1, tzinfo=tz),
        "end": datetime(last_year + 1, 1, 1, tzinfo=tz),
        "now": timezone.now(),
        "booked": [Booking.Status.CONFIRMED, Booking.Status.DONE],
        "no_fee": Booking.FeeState.NONE,
    }
    result: dict = {
        what: {year: {} for year in range(first_year, last_year + 1)}
        for what in ("orders", "bookings", "fees", "gatherings")
    }
    with read_connection().cursor() as cursor:
        cursor.execute(_ORDER_FIGURES_SQL, params)
        for what, unit, year, month, detail, count, euros in cursor.fetchall():
            result[what].setdefault(year, {})[(unit, month, detail)] = (count, euros or 0)
    return result
