import factory

from socialwork.documents.models import Document


class DocumentFactory(factory.django.DjangoModelFactory):
    """A finished document (a campaign's sheet unless told otherwise)."""

    class Meta:
        model = Document

    kind = "feedback.campaign_sheet"
    status = Document.Status.READY
    file = b"%PDF-1.7"
    size = 8
