"""What kinds of document the product makes, registered by the app that needs them (a print
file of letters, a campaign's sheet, and the reports to come).

A kind says how to render a document (in a worker: WeasyPrint is slow and grows in memory),
what the file is called, and what follows when it is ready or could not be made. Apps
register theirs on import, as message kinds do.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentKind:
    name: str
    # fn(document) -> the file's bytes. Runs in a Celery worker, outside any transaction.
    render: Callable
    # fn(document) -> the download's file name.
    filename: Callable
    # fn(document), in the transaction that stores the file or the failure.
    on_ready: Callable | None = None
    on_failed: Callable | None = None
    content_type: str = "application/pdf"


_kinds: dict[str, DocumentKind] = {}


def register_document_kind(kind: DocumentKind) -> DocumentKind:
    _kinds[kind.name] = kind
    return kind


def get_document_kind(name: str) -> DocumentKind:
    return _kinds[name]
