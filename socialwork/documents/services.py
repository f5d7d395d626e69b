"""Making documents: one path for every file the product renders (see models.Document).

    document = document_request(kind="messaging.letters", object_id=batch.pk, requested_by=me)

`document_request` stores the wish and, once the transaction commits, hands it to a Celery
worker; `document_render` (the task) claims it, renders it through its kind, and stores the
file or the failure; `documents_resume` (beat, every few minutes) hands out again what was
asked for but never started (Redis down at the time) or started by a worker that died. A
page shows the state while it polls (templates/documents/includes/state.html).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from socialwork.documents.kinds import get_document_kind
from socialwork.documents.models import Document

logger = logging.getLogger(__name__)


def document_request(*, kind: str, object_id="", requested_by=None) -> Document:
    get_document_kind(kind)  # an unknown kind fails here, not in a worker
    document = Document.objects.create(
        kind=kind,
        object_id=str(object_id),
        requested_by=requested_by if getattr(requested_by, "is_authenticated", False) else None,
    )
    transaction.on_commit(lambda: _render_later(document.pk), robust=True)
    return document


def document_ask(*, kind: str, object_id: str, actor) -> Document:
    """A document a person asks for from a page (a report, a summary, a poster): the same
    one asked for again while it is being made, or within a minute of it, is that one, not
    a second (a double click). Locked, so that two clicks at once make one. Asking is
    written in the audit log. Call it in a transaction."""
    from socialwork.audit.models import AuditEvent
    from socialwork.audit.services import audit_record

    just_now = timezone.now() - timedelta(minutes=1)
    pending = (
        Document.objects.select_for_update()
        .filter(kind=kind, object_id=object_id, requested_by=actor)
        .filter(
            Q(status__in=(Document.Status.WAITING, Document.Status.RENDERING))
            | Q(status=Document.Status.READY, requested_at__gte=just_now)
        )
        .first()
    )
    if pending is not None:
        return pending
    document = document_request(kind=kind, object_id=object_id, requested_by=actor)
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=document, label=object_id)
    # The caller may log more about a new one (not about a double click's second ask).
    document.asked_now = True
    return document


def documents_discard_old(*, prefix: str, days: int, now=None) -> int:
    """The finished files of the kinds named `prefix...` are kept `days` and then go (each
    row stays, to say that one was made). Returns how many went."""
    now = now or timezone.now()
    old = Document.objects.filter(
        kind__startswith=prefix,
        status=Document.Status.READY,
        finished_at__lt=now - timedelta(days=days),
    )
    count = 0
    for document in old.iterator():
        document_discard(document=document)
        count += 1
    return count


def _render_later(document_id: int) -> None:
    from socialwork.documents.tasks import render_document

    render_document.delay(document_id)


def _claim(document_id: int) -> Document | None:
    """Take the document for this worker, unless another has it or it is finished. A claim
    older than DOCUMENT_RENDER_TIMEOUT_SECONDS belongs to a worker that died."""
    stale = timezone.now() - timedelta(seconds=settings.DOCUMENT_RENDER_TIMEOUT_SECONDS)
    with transaction.atomic():
        document = (
            Document.objects.select_for_update(skip_locked=True).filter(pk=document_id).first()
        )
        if document is None:
            return None
        waiting = document.status == Document.Status.WAITING
        abandoned = document.status == Document.Status.RENDERING and document.started_at < stale
        if not (waiting or abandoned):
            return None
        if abandoned and document.attempts >= settings.DOCUMENT_MAX_ATTEMPTS:
            # It stopped its worker every time (out of memory, say): trying again would too.
            logger.error(
                "Document %s (%s) stopped its worker every time", document.pk, document.kind
            )
            _fail(document, f"the worker stopped {document.attempts} times while making it")
            return None
        document.status = Document.Status.RENDERING
        document.started_at = timezone.now()
        document.attempts += 1
        document.save(update_fields=["status", "started_at", "attempts"])
        return document


def document_render(*, document_id: int) -> Document | None:
    """Make the document (in a worker). A document already made, or being made by another
    worker, is left alone, so a task delivered twice renders once."""
    document = _claim(document_id)
    if document is None:
        return None
    kind = get_document_kind(document.kind)
    try:
        content = kind.render(document)
    except Exception as error:
        logger.exception("Document %s (%s) could not be made", document.pk, document.kind)
        with transaction.atomic():
            _fail(document, f"{type(error).__name__}: {error}")
        return document
    with transaction.atomic():
        # Only this claim finishes it: a worker that was taken for dead and finishes late
        # changes nothing.
        mine = Document.objects.filter(
            pk=document.pk, status=Document.Status.RENDERING, attempts=document.attempts
        )
        updated = mine.update(
            status=Document.Status.READY,
            file=content,
            size=len(content),
            finished_at=timezone.now(),
            error="",
        )
        document.refresh_from_db()
        if updated and kind.on_ready:
            kind.on_ready(document)
    return document


def _fail(document: Document, error: str) -> None:
    """Mark this claim's document failed and let its kind follow (in the caller's transaction)."""
    updated = Document.objects.filter(
        pk=document.pk, status=Document.Status.RENDERING, attempts=document.attempts
    ).update(status=Document.Status.FAILED, finished_at=timezone.now(), error=error[:300])
    kind = get_document_kind(document.kind)
    if updated and kind.on_failed:
        document.refresh_from_db()
        kind.on_failed(document)


def documents_resume(*, minutes: int | None = None) -> int:
    """Hand out again the documents whose task was lost. Returns how many."""
    minutes = settings.DOCUMENT_RESUME_AFTER_MINUTES if minutes is None else minutes
    now = timezone.now()
    stale = now - timedelta(seconds=settings.DOCUMENT_RENDER_TIMEOUT_SECONDS)
    lost = list(
        Document.objects.filter(
            status=Document.Status.WAITING, requested_at__lt=now - timedelta(minutes=minutes)
        ).values_list("pk", flat=True)
    ) + list(
        Document.objects.filter(status=Document.Status.RENDERING, started_at__lt=stale).values_list(
            "pk", flat=True
        )
    )
    for pk in lost:
        _render_later(pk)
    return len(lost)


@transaction.atomic
def document_discard(*, document: Document) -> None:
    """The file is not needed any more (letters posted, a sheet made anew): it goes, the row
    stays to say that it was made."""
    Document.objects.filter(pk=document.pk).update(status=Document.Status.DISCARDED, file=None)
    document.status, document.file = Document.Status.DISCARDED, None
