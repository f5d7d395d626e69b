"""The pre-meeting packet (002:940-943): the previous meeting's minutes, the invitation and
the agenda, with the leaders' attachments, sent to each member by their channel a set number
of days before the meeting; and the member's own page for it.

A packet is a PDF per language the members read (a document of the kind "councils.packet",
made in a worker). When one is ready, the members who read that language are sent it in the
same transaction: an e-mail carries the PDF, a text message the link to the member's page,
a letter goes into the next print batch with the PDF printed after it.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from councils import notices, purposes
from councils.models import Attachment, Council, Meeting, Membership, PacketDelivery
from councils.selectors import PACKET_KIND, packet_documents, receiving_members
from socialwork.core.schedules import local_date
from socialwork.documents.models import Document
from socialwork.documents.services import document_request
from socialwork.links.services import link_issue, link_revoke
from socialwork.messaging.services import messages_withdraw, notice_queue

# Councils whose meetings get packets and reminders.
MEETING_STATUSES = (Council.Status.ACTIVE, Council.Status.RECRUITING)


def member_page_expires(meeting: Meeting) -> datetime:
    return meeting.ends_at + timedelta(days=settings.COUNCIL_MEMBER_PAGE_DAYS_AFTER)


def member_link_for(*, meeting: Meeting, membership: Membership) -> PacketDelivery:
    """The member's own page for this meeting, made once (the link lasts until a week after
    the meeting)."""
    delivery = PacketDelivery.objects.filter(meeting=meeting, membership=membership).first()
    if delivery is not None:
        return delivery
    link = link_issue(
        purpose=purposes.MEMBER_PAGE.name,
        valid_for=member_page_expires(meeting) - timezone.now(),
    )
    return PacketDelivery.objects.create(meeting=meeting, membership=membership, link=link)


def member_links_close(*, membership: Membership, actor=None) -> int:
    """A member who left (or is on a break) cannot open their pages any more, and what
    waits in the outbox for them about the council's meetings is withdrawn."""
    closed = 0
    for delivery in membership.deliveries.select_related("link"):
        closed += link_revoke(link=delivery.link, actor=actor)
    if membership.client_id:
        future = membership.council.meetings.filter(starts_at__gt=timezone.now())
        messages_withdraw(
            model=Meeting,
            object_ids=list(future.values_list("pk", flat=True)),
            client_ids=[membership.client_id],
        )
    return closed


@transaction.atomic
def packet_send(*, meeting: Meeting, actor=None) -> int:
    """Make the packet and send it to every active member who has not had it. Sending again
    (a member who joined since) sends only to those without it. Returns how many members
    it goes to now."""
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    members = list(receiving_members(meeting))
    had = set(
        meeting.deliveries.filter(message__isnull=False).values_list("membership_id", flat=True)
    )
    new = [m for m in members if m.pk not in had]
    for membership in new:
        member_link_for(meeting=meeting, membership=membership)
    documents = packet_documents(meeting)
    for language in sorted({m.client.preferred_language for m in new}):
        document = documents.get(language)
        if document is None or document.status in (
            Document.Status.FAILED,
            Document.Status.DISCARDED,
        ):
            document_request(
                kind=PACKET_KIND, object_id=f"{meeting.pk}:{language}", requested_by=actor
            )
        elif document.is_ready:
            _deliver(meeting, document, language, actor=actor)
    if meeting.packet_sent_at is None:
        meeting.packet_sent_at = timezone.now()
        meeting.save(update_fields=["packet_sent_at"])
    return len(new)


def _deliver(meeting: Meeting, document: Document, language: str, *, actor=None) -> int:
    """Queue the packet to the members who read `language` and have not had it."""
    values = notices.meeting_context(meeting)
    sent = 0
    for membership in receiving_members(meeting).filter(client__preferred_language=language):
        delivery = member_link_for(meeting=meeting, membership=membership)
        if delivery.message_id is not None:
            continue
        message = notice_queue(
            client=membership.client,
            purpose=notices.PACKET,
            context=values,
            key=f"councils.packet-{meeting.pk}-member-{membership.pk}",
            about=meeting,
            about_starts_at=meeting.starts_at,
            created_by=actor,
            link=delivery.link,
            document=document,
        )
        delivery.message = message
        delivery.save(update_fields=["message"])
        sent += 1
    return sent


def packet_ready(document: Document) -> None:
    """A packet PDF is made (in the transaction that stores it): send it."""
    meeting_id, language = document.object_id.split(":", 1)
    meeting = Meeting.objects.select_related("council").filter(pk=meeting_id).first()
    if meeting is None or meeting.is_cancelled or meeting.starts_at <= timezone.now():
        return
    _deliver(meeting, document, language)


def packets_due(*, now: datetime | None = None) -> int:
    """Send the packets whose day has come: packet_days_before the meeting (in Helsinki
    days), for meetings ahead that have had none. Run by beat; idempotent."""
    now = now or timezone.now()
    today = local_date(now)
    sent = 0
    candidates = (
        Meeting.objects.filter(
            packet_sent_at__isnull=True,
            cancelled_at__isnull=True,
            starts_at__gt=now,
            starts_at__lt=now + timedelta(days=62),
            council__status__in=MEETING_STATUSES,
        )
        .select_related("council")
        .order_by("starts_at")
    )
    for meeting in candidates:
        if (
            local_date(meeting.starts_at) - timedelta(days=meeting.council.packet_days_before)
            > today
        ):
            continue
        with transaction.atomic():
            locked = (
                Meeting.objects.select_for_update(skip_locked=True)
                .filter(pk=meeting.pk, packet_sent_at__isnull=True)
                .first()
            )
            if locked is None:
                continue  # another worker has it
            packet_send(meeting=locked)
            sent += 1
    return sent


@transaction.atomic
def attachment_add(*, actor, meeting: Meeting, title: str, file) -> Attachment:
    """A PDF the leaders add to the packet (the form has checked that it is one). A packet
    already sent is not made again: members who get it from now on get the attachment."""
    attachment = Attachment(meeting=meeting, title=title.strip(), file=file, uploaded_by=actor)
    attachment.full_clean()
    attachment.save()
    return attachment
