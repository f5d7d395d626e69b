"""What the experience-expert work holds about a client, for the client's copy of their data
(GDPR Art. 15, socialwork/people/data_export.py): their own file as an expert (the interview,
training, CVs, assignments and fees, supervision and the peer-support diary), and the client
meetings where an expert was with them."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from experts.cvform import AREAS, area_label
from experts.models import (
    CV,
    Booking,
    DiaryEntry,
    Expert,
    GatheringAttendance,
    Interview,
    Order,
    Training,
)
from experts.services.cv import CV_FIELDS
from socialwork.people.data_export import Column, register_client_data


def _experience(cv) -> dict[str, str]:
    return {
        area_label(code, get_language()) if code in AREAS else code: text
        for code, text in (cv.experience or {}).items()
    }


register_client_data(
    "experts.expert",
    title=_("You as an experience expert"),
    model=Expert,
    rows=lambda client: Expert.objects.filter(client=client),
    columns=(
        "status",
        "employment",
        "life_situation",
        "availability",
        "source",
        "status_changed_at",
        "close_supervisor",
        "steering_group",
        "payroll_reference",
        "created_at",
    ),
    order=30,
)

register_client_data(
    "experts.interview",
    title=_("Your interview as an experience expert"),
    model=Interview,
    rows=lambda client: Interview.objects.filter(expert__client=client),
    columns=("held_on", *Interview.TEXT_FIELDS, "updated_at"),
    order=31,
)

register_client_data(
    "experts.trainings",
    title=_("Trainings"),
    model=Training,
    rows=lambda client: Training.objects.filter(expert__client=client).order_by("year", "pk"),
    columns=("provider", "year", "hours", "completed", "notes"),
    table=True,
    order=32,
)

register_client_data(
    "experts.cvs",
    title=_("Your CVs"),
    model=CV,
    rows=lambda client: CV.objects.filter(expert__client=client).order_by("version"),
    columns=(
        "version",
        "status",
        # What the expert writes on the CV, with the areas of experience by their names.
        *(Column(name, get=_experience) if name == "experience" else name for name in CV_FIELDS),
        "approved_at",
        "approved_how",
        "published_at",
        "updated_at",
    ),
    order=33,
)

register_client_data(
    "experts.bookings",
    title=_("Your assignments and fees"),
    model=Booking,
    rows=lambda client: (
        Booking.objects.filter(expert__client=client)
        .select_related("order")
        .order_by("order__starts_at", "pk")
    ),
    columns=(
        Column("order.starts_at", _("When")),
        Column("order.assignment_type", _("Assignment")),
        Column("order.topic", _("Topic")),
        "status",
        "answered_at",
        "expert_feedback",
        "fee",
        "fee_state",
        "fee_paid_at",
    ),
    order=34,
)

register_client_data(
    "experts.gatherings",
    title=_("Supervision and gatherings"),
    model=GatheringAttendance,
    rows=lambda client: (
        GatheringAttendance.objects.filter(expert__client=client)
        .select_related("gathering")
        .order_by("gathering__starts_at", "pk")
    ),
    columns=(
        Column("gathering.starts_at", _("When")),
        Column("gathering.kind", _("Kind")),
        "present",
    ),
    table=True,
    order=35,
)

register_client_data(
    "experts.diary",
    title=_("Your peer-support diary"),
    model=DiaryEntry,
    rows=lambda client: DiaryEntry.objects.filter(expert__client=client).order_by("day", "pk"),
    columns=("day", "channel", "topic", "referred_to", "note"),
    table=True,
    order=36,
)

register_client_data(
    "experts.client_meetings",
    title=_("Client meetings with an experience expert"),
    model=Order,
    rows=lambda client: client.expert_orders.order_by("starts_at", "pk"),
    columns=(
        "starts_at",
        "place",
        "status",
        "consent_how",
        "goal",
        "agreement",
        "debrief",
        "cancel_reason",
    ),
    order=37,
)
