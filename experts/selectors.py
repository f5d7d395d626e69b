"""Reads about experts: the roster of published CVs for staff, and the coordinator's own
lists."""

from django.db.models import OuterRef, Q, QuerySet, Subquery

from experts.models import CV, Expert

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
