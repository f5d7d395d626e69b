"""The client's copy of their data (GDPR Art. 15, and Art. 20's machine-readable form):
everything the product holds about one client, as a PDF a person reads and a JSON file a
program reads, made together in a worker (socialwork/documents) in the client's language.

Each app registers the sections it holds about a client (`register_client_data`), in its
`client_data.py`, so that people imports none of them: a section is a kind of record (the
group enrolments, the attendance, a council interview ...), how to find the client's rows,
and the columns to show. A column reads a model field along a path; its label is the
field's verbose name unless given, and a field with choices is its label in the PDF and
its code in the JSON.

The PDF and the JSON are made by the same `client_data()`, so they show the same fields in
the same way (each is made in its own worker task, a moment apart).
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.loader import render_to_string
from django.utils import dateformat, formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from socialwork.audit.disclosures import DisclosureKind, register_disclosure
from socialwork.audit.models import AuditEvent
from socialwork.core.schedules import HELSINKI
from socialwork.documents.kinds import DocumentKind, register_document_kind
from socialwork.people.models import CLIENT_EDITABLE_FIELDS, Client, Consent

DATA_EXPORT_PDF = "people.data_export"
DATA_EXPORT_JSON = "people.data_export_json"
FORMAT = "socialwork-client-data/1"


@dataclass(frozen=True)
class Column:
    """One value of a row: `path` is read attribute by attribute ("status",
    "session.starts_at"); a callable `get` reads anything else (it returns a value, or a
    list of them)."""

    path: str
    label: Promise | str | None = None
    get: Callable[[Any], Any] | None = None

    @property
    def key(self) -> str:
        return self.path.replace(".", "_")


@dataclass(frozen=True)
class ClientDataSection:
    key: str  # "groups.attendance": the JSON's name for it
    title: Promise
    model: type[models.Model]
    # fn(client) -> the client's rows, in the order to show them
    rows: Callable[[Any], Iterable]
    columns: tuple[Column, ...]
    # A table of short rows (attendance), or one block per row (an interview's long texts).
    table: bool = False
    order: int = 100


_sections: dict[str, ClientDataSection] = {}


def register_client_data(
    key: str,
    *,
    title: Promise,
    model: type[models.Model],
    rows: Callable[[Any], Iterable],
    columns: Iterable[str | Column],
    table: bool = False,
    order: int = 100,
) -> ClientDataSection:
    section = ClientDataSection(
        key=key,
        title=title,
        model=model,
        rows=rows,
        columns=tuple(c if isinstance(c, Column) else Column(c) for c in columns),
        table=table,
        order=order,
    )
    _sections[key] = section
    return section


def client_data_sections() -> list[ClientDataSection]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def _field(model: type[models.Model], path: str) -> models.Field | None:
    """The model field at the end of `path`, or None when the path ends in a property."""
    *relations, name = path.split(".")
    try:
        for part in relations:
            model = model._meta.get_field(part).related_model
        return model._meta.get_field(name)
    except (FieldDoesNotExist, AttributeError):  # a property, or past a non-relation
        return None


def _label(section: ClientDataSection, column: Column) -> str:
    if column.label is not None:
        return str(column.label)
    model_field = _field(section.model, column.path)
    label = str(getattr(model_field, "verbose_name", column.path))
    return label[:1].upper() + label[1:]


def _read(row, column: Column, model_field) -> tuple[Any, Any]:
    """(the value as stored, the value as shown): a choice's code and its label."""
    if column.get is not None:
        value = column.get(row)
        return value, value
    value = row
    for part in column.path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None, None
    choices = getattr(model_field, "flatchoices", None)
    if choices and not isinstance(value, list):
        return value, dict(choices).get(value, value)
    if isinstance(value, list) and getattr(model_field, "base_field", None) is not None:
        inner = dict(getattr(model_field.base_field, "flatchoices", None) or [])
        return value, [inner.get(v, v) for v in value]
    return value, value


def json_value(value):
    """A value as JSON writes it: times in Helsinki with their offset, dates as ISO dates,
    money as an exact decimal string, records by their name."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        local = timezone.localtime(value, HELSINKI) if timezone.is_aware(value) else value
        return local.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [json_value(v) for v in value]
    return str(value)


def shown_value(value) -> str:
    """A value as the PDF shows it, in the current language."""
    if value is None or value == "" or value == [] or value == {}:
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        local = timezone.localtime(value, HELSINKI) if timezone.is_aware(value) else value
        return dateformat.format(local, "j.n.Y H.i")
    if isinstance(value, date):
        return dateformat.format(value, "j.n.Y")
    if isinstance(value, Decimal | float):
        return formats.number_format(value, use_l10n=True)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {shown_value(v)}" for k, v in value.items() if v not in ("", None))
    if isinstance(value, list | tuple):
        return "; ".join(shown_value(v) for v in value) or "–"
    return str(value)


@dataclass
class SectionData:
    key: str
    title: str
    table: bool
    labels: dict[str, str]  # column key -> label
    # Each row: (column key, label, the value as JSON writes it, the value as the PDF shows it)
    rows: list[list[tuple[str, str, Any, str]]] = field(default_factory=list)


def client_data(client) -> list[SectionData]:
    """Every registered section with the client's rows, in the current language."""
    sections = []
    for section in client_data_sections():
        fields = {column.path: _field(section.model, column.path) for column in section.columns}
        data = SectionData(
            key=section.key,
            title=str(section.title),
            table=section.table,
            labels={column.key: _label(section, column) for column in section.columns},
        )
        for row in section.rows(client):
            cells = []
            for column in section.columns:
                stored, shown = _read(row, column, fields[column.path])
                cells.append(
                    (column.key, data.labels[column.key], json_value(stored), shown_value(shown))
                )
            data.rows.append(cells)
        sections.append(data)
    return sections


# --- The files ------------------------------------------------------------------------------


def data_export_object_id(*, client_id: int, language: str, pdf_id: int | None = None) -> str:
    # The JSON names the PDF it was made with, so that the page lists them as one pair.
    base = f"{client_id}:{language}"
    return f"{base}:{pdf_id}" if pdf_id is not None else base


def _parse(object_id: str) -> tuple[int, str]:
    client_id, language, *_pdf = object_id.split(":")
    return int(client_id), language


def _client_for(document):
    from socialwork.people import permissions
    from socialwork.people.models import Client

    client_id, language = _parse(document.object_id)
    client = Client.objects.filter(pk=client_id).select_related("unit", "named_worker").first()
    # Whether the asker may still make it is checked again when it is made.
    if client is None or not permissions.can_make_data_export(document.requested_by, client):
        raise PermissionError("the asker may no longer make this client's data export")
    return client, language


def data_export_json(document) -> bytes:
    client, language = _client_for(document)
    with translation.override(language):
        sections = client_data(client)
        content = {
            "format": FORMAT,
            "made_at": json_value(timezone.now()),
            "organisation": settings.SOCIALWORK_ORGANISATION_NAME,
            "language": language,
            "client": {"id": client.pk, "name": client.full_name},
            "sections": [
                {
                    "key": section.key,
                    "title": section.title,
                    "fields": section.labels,
                    "records": [
                        {key: stored for key, _label, stored, _shown in row} for row in section.rows
                    ],
                }
                for section in sections
            ],
        }
    return json.dumps(content, ensure_ascii=False, indent=2).encode()


def data_export_pdf(document) -> bytes:
    from weasyprint import HTML

    from socialwork.core.retention import record_classes

    client, language = _client_for(document)
    with translation.override(language):
        sections = client_data(client)
        html = render_to_string(
            "people/data_export_pdf.html",
            {
                "client": client,
                "sections": sections,
                "held": [section for section in sections if section.rows],
                "retention": record_classes(),
                "organisation": settings.SOCIALWORK_ORGANISATION_NAME,
                "made": timezone.localtime(),
                "made_by": document.requested_by,
            },
        )
    # PDF/UA: tagged, with a language and a title, read in order by a screen reader.
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def _filename(extension: str):
    def filename(document) -> str:
        made = timezone.localtime(document.requested_at, HELSINKI)
        return f"omat-tiedot-{made:%Y-%m-%d}.{extension}"

    return filename


register_document_kind(
    DocumentKind(name=DATA_EXPORT_PDF, render=data_export_pdf, filename=_filename("pdf"))
)
register_document_kind(
    DocumentKind(
        name=DATA_EXPORT_JSON,
        render=data_export_json,
        filename=_filename("json"),
        content_type="application/json",
    )
)


DATA_EXPORT_GIVEN = register_disclosure(
    DisclosureKind(
        code="data_export",
        what=gettext_lazy("a copy of all the data held on the client (PDF and JSON)"),
        recipient=gettext_lazy("the client"),
        purpose=gettext_lazy("at the client's own request (GDPR Art. 15)"),
    )
)


# --- People's own sections --------------------------------------------------------------------


def _disclosures(client):
    """What has left the product about the client: to whom, what and why (Art. 15(1)(c))."""
    return AuditEvent.objects.filter(
        object_type="people.client",
        object_id=str(client.pk),
        action=AuditEvent.Action.DISCLOSE,
    ).order_by("at", "pk")


def _disclosure(event, part: str):
    from socialwork.audit.disclosures import disclosure_kind

    kind = disclosure_kind(event.changed_fields[0]) if event.changed_fields else None
    return str(getattr(kind, part)) if kind is not None else None


def _name(user) -> str | None:
    return (user.get_full_name() or user.get_username()) if user is not None else None


register_client_data(
    "people.client",
    title=gettext_lazy("Your details"),
    model=Client,
    rows=lambda client: [client],
    columns=(
        # What staff write on the record, the named worker by name; then what the services set.
        *(
            Column(name, get=lambda client: _name(client.named_worker))
            if name == "named_worker"
            else name
            for name in CLIENT_EDITABLE_FIELDS
        ),
        "sms_consent_at",
        "created_at",
        "updated_at",
    ),
    order=0,
)

register_client_data(
    "people.consents",
    title=gettext_lazy("Consents"),
    model=Consent,
    rows=lambda client: client.consents.order_by("given_at", "pk"),
    columns=("kind", "details", "given_at", "withdrawn_at"),
    table=True,
    order=1,
)

register_client_data(
    "audit.disclosures",
    title=gettext_lazy("Your data given to others"),
    model=AuditEvent,
    rows=_disclosures,
    columns=(
        Column("at", gettext_lazy("When")),
        Column("what", gettext_lazy("What"), get=lambda event: _disclosure(event, "what")),
        Column(
            "recipient", gettext_lazy("To whom"), get=lambda event: _disclosure(event, "recipient")
        ),
        Column("purpose", gettext_lazy("Why"), get=lambda event: _disclosure(event, "purpose")),
    ),
    table=True,
    order=1000,
)
