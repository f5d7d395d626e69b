"""The production e-mail backend when EMAIL_URL is not set.

Django's console backend would print every client's address and message into the container
logs, and the dummy backend would report messages sent that never left. This one refuses, so
that an e-mail stays in the outbox as not sent (retried, then given up with its reason) until
a mail server is configured.
"""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class NoMailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        raise smtplib.SMTPException("No mail server is configured (set EMAIL_URL).")
