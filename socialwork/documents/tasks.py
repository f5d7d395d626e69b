from celery import shared_task
from django.conf import settings

from socialwork.documents import services


# Stopped well before the resume job would take the document for abandoned, so that two
# workers never make the same file at once.
@shared_task(ignore_result=True, time_limit=settings.DOCUMENT_RENDER_TIMEOUT_SECONDS - 60)
def render_document(document_id: int) -> None:
    services.document_render(document_id=document_id)


@shared_task(ignore_result=True)
def resume_documents() -> int:
    return services.documents_resume()
