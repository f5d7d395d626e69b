"""SMS backends, chosen by SMS_BACKEND in the style of Django's e-mail backends."""

from django.conf import settings
from django.utils.module_loading import import_string

from socialwork.messaging.backends.base import (  # noqa: F401 - the backends' public names
    BaseSmsBackend,
    OutcomeUnknown,
    PermanentError,
    SendResult,
    TransientError,
)


def get_sms_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()
