"""The member's own answer from their page: coming or not (for the catering count)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Attendance, Membership, PacketDelivery


@transaction.atomic
def member_reply(*, delivery: PacketDelivery, reply: str) -> Attendance:
    """Recorded as the member's latest word; pressing again changes it, a double tap
    changes nothing."""
    if reply not in Attendance.Reply.values:
        raise ValidationError(_("Choose “I'll come” or “I can't come”."))
    meeting = delivery.meeting
    if meeting.is_cancelled:
        raise ValidationError(_("The meeting is cancelled."))
    if meeting.starts_at <= timezone.now():
        raise ValidationError(_("The meeting has already begun."))
    if delivery.membership.status not in Membership.RECEIVING:
        raise ValidationError(_("This page is no longer in use."))
    attendance, _created = Attendance.objects.select_for_update().get_or_create(
        meeting=meeting, membership=delivery.membership
    )
    if attendance.reply != reply:
        attendance.reply = reply
        attendance.replied_at = timezone.now()
        attendance.save(update_fields=["reply", "replied_at", "updated_at"])
    return attendance
