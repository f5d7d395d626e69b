"""The retention of messages (socialwork/core/retention.py): a settled message keeps its
outcome (the messages page's and the reminders dashboard's figures) and loses to whom it
went and what it said RETENTION_MESSAGE_DAYS after it was settled."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from socialwork.core.retention import RecordClass, register_record_class


def _due(now):
    from socialwork.messaging.models import Message

    cutoff = now - timedelta(days=settings.RETENTION_MESSAGE_DAYS)
    settled = Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, sent_at__lt=cutoff)
    return (
        Message.objects.exclude(status__in=Message.OPEN)
        .filter(settled)
        .exclude(recipient="", text="", subject="")
        .order_by("pk")
    )


def _apply(messages) -> int:
    return messages.update(recipient="", text="", subject="")


register_record_class(
    RecordClass(
        code="message",
        label=_("Messages (text messages, e-mails, letters)"),
        kept=_("RETENTION_MESSAGE_DAYS (365 by default) days after it was sent or settled"),
        action=_("the number or address and the words go; that it was sent and how it fared stay"),
        due=_due,
        apply=_apply,
    )
)
register_record_class(
    RecordClass(
        code="letter_print_file",
        label=_("Print files of letters"),
        kept=_("until the batch is marked posted"),
        action=_("the file goes when the letters are marked posted (the letters page)"),
    )
)
