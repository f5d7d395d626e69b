"""What the client councils hold about a client, for the client's copy of their data (GDPR
Art. 15, socialwork/people/data_export.py): the councils they were a member of and their
attendance, and their candidacy with the selection interview."""

from django.utils.translation import gettext_lazy as _

from councils.models import Attendance, Candidate, Interview, Membership
from socialwork.people.data_export import Column, register_client_data

register_client_data(
    "councils.memberships",
    title=_("Client councils"),
    model=Membership,
    rows=lambda client: client.memberships.select_related("council").order_by("starts_on", "pk"),
    columns=("council", "status", "starts_on", "ends_on"),
    table=True,
    order=20,
)

register_client_data(
    "councils.attendance",
    title=_("Council meetings"),
    model=Attendance,
    rows=lambda client: (
        Attendance.objects.filter(membership__client=client)
        .select_related("meeting__council")
        .order_by("meeting__starts_at", "pk")
    ),
    columns=(
        Column("meeting.council", _("Council")),
        Column("meeting.starts_at", _("Meeting")),
        "reply",
        "status",
        "role",
        "refreshments",
        "bus_fare",
        "bus_fare_paid",
    ),
    table=True,
    order=21,
)

register_client_data(
    "councils.candidacies",
    title=_("Applying to a client council"),
    model=Candidate,
    rows=lambda client: client.candidacies.select_related("council").order_by("created_at", "pk"),
    columns=("council", "source", "stage", "stage_changed_at", "decision_note", "created_at"),
    order=22,
)

register_client_data(
    "councils.interviews",
    title=_("Your interview for a client council"),
    model=Interview,
    rows=lambda client: (
        Interview.objects.filter(candidate__client=client)
        .select_related("candidate__council")
        .order_by("held_on", "pk")
    ),
    columns=(
        Column("candidate.council", _("Council")),
        "held_on",
        *Interview.TEXT_FIELDS,
        "updated_at",
    ),
    order=23,
)
