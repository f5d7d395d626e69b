"""Letters for people without a phone: one A4 page each, the address placed for a window
envelope (C5/DL, window on the left), rendered with WeasyPrint in a Celery worker."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation


def letters_pdf(letters) -> bytes:
    from weasyprint import HTML

    pages = []
    for letter in letters:
        # Each letter in the client's own language, dated the day it is printed.
        with translation.override(letter.language):
            pages.append(
                render_to_string(
                    "messaging/letter_page.html",
                    {
                        "letter": letter,
                        "client": letter.client,
                        "unit": letter.client.unit if letter.client else None,
                        "today": timezone.localdate(),
                        "organisation": settings.SOCIALWORK_ORGANISATION_NAME,
                    },
                )
            )
    html = render_to_string("messaging/letters.html", {"pages": pages})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
