from celery import shared_task

from socialwork.documents import services


@shared_task(ignore_result=True)
def render_document(document_id: int) -> None:
    services.document_render(document_id=document_id)


@shared_task(ignore_result=True)
def resume_documents() -> int:
    return services.documents_resume()
