"""What the groups hold about a client, for the client's copy of their data (GDPR Art. 15,
socialwork/people/data_export.py): the groups they were in, their attendance, their own
goals and their evaluations of the sessions."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from groups.models import Attendance, Enrolment, PersonalGoal, SessionEvaluation
from socialwork.people.data_export import Column, register_client_data


def _answers(evaluation) -> list[str]:
    # In the copy's language (the questions are data, in each language).
    language = get_language()
    return [
        f"{answer.question.text(language)}: {answer.display}" for answer in evaluation.answers.all()
    ]


register_client_data(
    "groups.enrolments",
    title=_("Groups"),
    model=Enrolment,
    rows=lambda client: client.enrolments.select_related("run").order_by("created_at", "pk"),
    columns=(
        "run",
        "status",
        "referral_source",
        "service_decision",
        "service_decision_on",
        "created_at",
        "left_on",
        "dropout_reason",
        "activity_allowance",
        "bus_ticket",
        "meal_notes",
    ),
    order=10,
)

register_client_data(
    "groups.attendance",
    title=_("Attendance at group sessions"),
    model=Attendance,
    rows=lambda client: (
        Attendance.objects.filter(enrolment__client=client)
        .select_related("session__run")
        .order_by("session__starts_at", "pk")
    ),
    columns=(
        Column("session.run", _("Group")),
        Column("session.starts_at", _("Session")),
        "status",
    ),
    table=True,
    order=11,
)

register_client_data(
    "groups.personal_goals",
    title=_("Personal goals"),
    model=PersonalGoal,
    rows=lambda client: (
        PersonalGoal.objects.filter(enrolment__client=client)
        .select_related("enrolment__run")
        .order_by("created_at", "pk")
    ),
    columns=(
        Column("enrolment.run", _("Group")),
        "text",
        "status",
        "created_at",
        "closed_on",
    ),
    table=True,
    order=12,
)

register_client_data(
    "groups.session_evaluations",
    title=_("Evaluations of group sessions"),
    model=SessionEvaluation,
    rows=lambda client: (
        SessionEvaluation.objects.filter(enrolment__client=client)
        .select_related("session__run")
        .prefetch_related("answers__question")
        .order_by("session__starts_at", "pk")
    ),
    columns=(
        Column("session.run", _("Group")),
        Column("session.starts_at", _("Session")),
        "channel",
        "created_at",
        Column("answers", _("Answers"), get=_answers),
    ),
    order=13,
)
