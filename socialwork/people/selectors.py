from django.db.models import Count, QuerySet

from socialwork.people.models import (
    CLIENT_WORK_ROLES,
    Client,
    PartnerOrganisation,
    Role,
    Unit,
    User,
)
from socialwork.people.permissions import client_visibility_q, is_administrator, unit_ids_with_role


def client_list_for_user(user) -> QuerySet[Client]:
    return (
        Client.objects.filter(client_visibility_q(user))
        .select_related("unit", "named_worker")
        .order_by("last_name", "first_name", "id")
    )


def client_get_for_user(user, pk: int) -> Client | None:
    return (
        client_list_for_user(user)
        .select_related("created_by")
        .prefetch_related("consents__recorded_by", "consents__withdrawn_by")
        .filter(pk=pk)
        .first()
    )


def units_for_user(user) -> QuerySet[Unit]:
    """Units a staff member works in or leads: the choices for filters and forms."""
    if is_administrator(user):
        return Unit.objects.filter(is_active=True)
    ids = unit_ids_with_role(user, *CLIENT_WORK_ROLES, Role.SUPERVISOR)
    return Unit.objects.filter(pk__in=ids, is_active=True)


def units_for_client_creation(user) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=unit_ids_with_role(user, *CLIENT_WORK_ROLES), is_active=True)


def workers_in_units(unit_ids) -> QuerySet[User]:
    """Staff who can be a client's named worker in the given units."""
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__unit_id__in=unit_ids,
            role_assignments__role__in=list(CLIENT_WORK_ROLES),
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def partner_list() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.filter(is_active=True).order_by("name")


def named_worker_client_count(user) -> int:
    return Client.objects.filter(named_worker=user).count()


def units_with_client_counts(unit_ids) -> list[Unit]:
    return list(
        Unit.objects.filter(pk__in=unit_ids)
        .annotate(client_count=Count("clients"))
        .order_by("name")
    )


def access_reports_of(user, client, limit: int = 10):
    """The access reports of this client the user asked for lately, newest first."""
    from socialwork.documents.models import Document
    from socialwork.people.documents import ACCESS_REPORT

    return list(
        Document.objects.filter(
            requested_by=user, kind=ACCESS_REPORT, object_id__startswith=f"{client.pk}:"
        )
        .defer("file")
        .order_by("-requested_at")[:limit]
    )


def data_exports_of(user, client, limit: int = 10) -> list:
    """The copies of this client's data the user asked for lately, newest first: each PDF
    with its JSON as `json` (None while it is being asked for)."""
    from socialwork.documents.models import Document
    from socialwork.people.data_export import DATA_EXPORT_JSON, DATA_EXPORT_PDF

    pdfs = list(
        Document.objects.filter(
            requested_by=user, kind=DATA_EXPORT_PDF, object_id__startswith=f"{client.pk}:"
        )
        .defer("file")
        .order_by("-requested_at", "-pk")[:limit]
    )
    wanted = {f"{pdf.object_id}:{pdf.pk}": pdf for pdf in pdfs}
    for pdf in pdfs:
        pdf.json = None
    for json_document in Document.objects.filter(
        requested_by=user, kind=DATA_EXPORT_JSON, object_id__in=list(wanted)
    ).defer("file"):
        wanted[json_document.object_id].json = json_document
    return pdfs


def data_export_of(user, client, pk):
    """One file of a copy of the client's data (the PDF or the JSON), for its asker alone."""
    from socialwork.documents.models import Document
    from socialwork.people.data_export import DATA_EXPORT_JSON, DATA_EXPORT_PDF

    return Document.objects.filter(
        pk=pk,
        requested_by=user,
        kind__in=(DATA_EXPORT_PDF, DATA_EXPORT_JSON),
        object_id__startswith=f"{client.pk}:",
    ).first()


def access_report_of(user, client, pk):
    from socialwork.documents.models import Document
    from socialwork.people.documents import ACCESS_REPORT

    return Document.objects.filter(
        pk=pk, requested_by=user, kind=ACCESS_REPORT, object_id__startswith=f"{client.pk}:"
    ).first()
