"""The client's access report (Act 703/2023 §11: a client has the right to know who has
viewed or handled their data and on what grounds): every view and change of the client's
data in a period, from the audit log, as a tagged PDF in the client's language, made in a
worker (socialwork/documents). Whether the asker may still see the client is checked again
when it is made."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from socialwork.core.schedules import HELSINKI
from socialwork.documents.kinds import DocumentKind, register_document_kind

ACCESS_REPORT = "people.access_report"


def access_report_object_id(*, client_id: int, start: date, end: date, language: str) -> str:
    return f"{client_id}:{start.isoformat()}:{end.isoformat()}:{language}"


def _parse(object_id: str) -> tuple[int, date, date, str]:
    client_id, start, end, language = object_id.split(":")
    return int(client_id), date.fromisoformat(start), date.fromisoformat(end), language


def access_report_pdf(*, user, client_id: int, start: date, end: date, language: str) -> bytes:
    from weasyprint import HTML

    from socialwork.audit.selectors import client_access_events
    from socialwork.people import permissions
    from socialwork.people.models import Client, RoleAssignment

    client = Client.objects.filter(pk=client_id).first()
    if client is None or not permissions.can_make_access_report(user, client):
        raise PermissionError("the asker no longer sees this client")
    # The period in Helsinki days, the last day included.
    since = datetime.combine(start, time.min, tzinfo=HELSINKI)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=HELSINKI)
    events = list(client_access_events(client, start=since, end=until))
    actor_ids = {event.actor_id for event in events if event.actor_id}
    roles: dict[int, list[str]] = {}
    with translation.override(language):
        for assignment in RoleAssignment.objects.filter(user_id__in=actor_ids).select_related(
            "unit"
        ):
            label = assignment.get_role_display()
            if assignment.unit is not None:
                label = f"{label}, {assignment.unit.name}"
            roles.setdefault(assignment.user_id, []).append(label)
        rows = [
            {
                "at": timezone.localtime(event.at, HELSINKI),
                "who": (event.actor.get_full_name() or event.actor.get_username())
                if event.actor
                else event.actor_label,
                "roles": sorted(roles.get(event.actor_id, [])),
                "action": event.get_action_display(),
                "what": _what(event),
                "unit": event.unit.name if event.unit else "",
            }
            for event in events
        ]
        html = render_to_string(
            "people/access_report_pdf.html",
            {
                "client": client,
                "start": start,
                "end": end,
                "rows": rows,
                "people": len({row["who"] for row in rows}),
                "organisation": settings.SOCIALWORK_ORGANISATION_NAME,
                "made": timezone.localtime(),
                "made_by": user,
            },
        )
    # PDF/UA: tagged, with a language and a title, read in order by a screen reader.
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def _what(event) -> str:
    """What was looked at or handled, in words: the kind of record and the changed fields
    (never their contents: the audit log keeps none); for a disclosure, what left, to whom
    and why."""
    from django.apps import apps

    from socialwork.audit.disclosures import disclosure_kind
    from socialwork.audit.models import AuditEvent

    if event.action == AuditEvent.Action.DISCLOSE and event.changed_fields:
        kind = disclosure_kind(event.changed_fields[0])
        if kind is not None:
            return _("%(what)s, to %(recipient)s, %(purpose)s") % {
                "what": kind.what,
                "recipient": kind.recipient,
                "purpose": kind.purpose,
            }

    try:
        model = apps.get_model(event.object_type)
        kind = str(model._meta.verbose_name)
    except (LookupError, ValueError):
        kind = event.object_type
    kind = kind[:1].upper() + kind[1:]
    fields = event.changed_field_labels
    return f"{kind}: {', '.join(fields)}" if fields else kind


def _render(document) -> bytes:
    client_id, start, end, language = _parse(document.object_id)
    return access_report_pdf(
        user=document.requested_by, client_id=client_id, start=start, end=end, language=language
    )


def _filename(document) -> str:
    _client_id, start, end, language = _parse(document.object_id)
    return f"lokitiedot-{start:%Y-%m-%d}-{end:%Y-%m-%d}-{language}.pdf"


register_document_kind(DocumentKind(name=ACCESS_REPORT, render=_render, filename=_filename))
