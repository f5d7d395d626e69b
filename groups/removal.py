"""A removed client's part in groups. The group's figures (how many took part, attendance
rates, dropouts, evaluation means) were counted with them and stay right: the participation,
its attendance marks and its evaluation numbers are kept with no client. Their own words
(personal goals, evaluation comments, meal notes) go."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groups.models import Enrolment, EvaluationAnswer, PersonalGoal
from socialwork.people.removal import register_client_removal


def describe(client) -> list[str]:
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


def remove(client) -> None:
    enrolments = Enrolment.objects.filter(client=client)
    PersonalGoal.objects.filter(enrolment__in=enrolments).update(text=_("(removed)"))
    EvaluationAnswer.objects.filter(evaluation__enrolment__in=enrolments).exclude(text="").update(
        text=""
    )
    enrolments.update(client=None, meal_notes="")


register_client_removal(describe=describe, remove=remove)
