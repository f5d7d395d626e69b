from django.http import Http404, HttpResponse

from socialwork.documents.kinds import get_document_kind
from socialwork.documents.models import Document


def file_response(document: Document | None, *, inline: bool = False) -> HttpResponse:
    """The document's file as a download; 404 while it is not ready. The page that serves it
    has checked who may have it."""
    if document is None or not document.is_ready or document.file is None:
        raise Http404
    kind = get_document_kind(document.kind)
    response = HttpResponse(bytes(document.file), content_type=kind.content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{kind.filename(document)}"'
    response["Cache-Control"] = "no-store"
    return response
