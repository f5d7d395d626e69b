"""The retention of client records (socialwork/core/retention.py): a client record, with
everything the apps hold of the client, goes RETENTION_CLIENT_YEARS after the last change of
any of it; what the figures count stays without the name (people.removal). The files made
for a client (the access report, the copy of their data) go after a few days."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from socialwork.core.retention import RecordClass, register_record_class


def _due(now):
    from socialwork.audit.models import AuditEvent
    from socialwork.audit.subjects import clients_of_events
    from socialwork.people.models import Client

    cutoff = now - relativedelta(years=settings.RETENTION_CLIENT_YEARS)
    # A change of the client's record or of any of their records (an enrolment, attendance,
    # a goal, a membership, a booking ...) since the cutoff keeps the client; a view does not.
    changed = AuditEvent.objects.filter(
        at__gte=cutoff,
        action__in=(
            AuditEvent.Action.CREATE,
            AuditEvent.Action.CHANGE,
            AuditEvent.Action.DELETE,
        ),
    )
    return (
        Client.objects.filter(created_at__lt=cutoff)
        .exclude(pk__in=clients_of_events(changed))
        .order_by("pk")
    )


def _apply(clients) -> int:
    from socialwork.people.services import client_remove_for_retention

    count = 0
    for client in clients:
        client_remove_for_retention(client=client)
        count += 1
    return count


register_record_class(
    RecordClass(
        code="client",
        label=_("Client identity, with the client's group, council and expert records"),
        kept=_("RETENTION_CLIENT_YEARS (5 by default) years after the last change of any of them"),
        action=_(
            "the client record goes; enrolments, attendance, goals and evaluations lose the "
            "name and the words, their numbers stay in the figures"
        ),
        due=_due,
        apply=_apply,
    )
)


def _copies_due(now):
    from socialwork.documents.models import Document
    from socialwork.people.data_export import DATA_EXPORT_JSON, DATA_EXPORT_PDF
    from socialwork.people.documents import ACCESS_REPORT

    return Document.objects.filter(
        kind__in=(ACCESS_REPORT, DATA_EXPORT_PDF, DATA_EXPORT_JSON),
        status=Document.Status.READY,
        finished_at__lt=now - timedelta(days=settings.REPORT_KEEP_DAYS),
    ).order_by("pk")


def _copies_discard(documents) -> int:
    from socialwork.documents.services import document_discard

    count = 0
    for document in documents.defer("file"):
        document_discard(document=document)
        count += 1
    return count


register_record_class(
    RecordClass(
        code="client_copy",
        label=_("Access reports and copies of data made for a client"),
        kept=_("REPORT_KEEP_DAYS (7 by default) days after the file was made"),
        action=_("the file goes; that it was made, by whom and when, stays in the log"),
        due=_copies_due,
        apply=_copies_discard,
    )
)
