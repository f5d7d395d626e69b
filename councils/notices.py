"""What councils send: the members' reminder the day before a meeting and their packet, the
answer request to an outside recipient of a proposal, and the deadline reminders to the
responsible leader and the recipient. The words are message templates administrators can
change; the sending rules are the messaging app's."""

from datetime import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from councils.models import Attendance, Council, Meeting, Membership
from socialwork.messaging import kinds
from socialwork.messaging.selectors import about_q

REMINDER = "councils.meeting_reminder"
PACKET = "councils.meeting_packet"
ANSWER_REQUEST = "councils.proposal_answer_request"
DEADLINE_NEAR = "councils.proposal_deadline_near"
DEADLINE_TODAY = "councils.proposal_deadline_today"
KICKOFF = "councils.kickoff_invitation"

MEETING_PLACEHOLDERS = {
    "council": _("the council's name"),
    "weekday": _("the day of the week"),
    "date": _("the date"),
    "time": _("the starting time"),
    "place": _("the place"),
    "link": _("the member's own page (packet and reply), added when sent"),
}
MEETING_EXAMPLE = {
    "council": "Koivulan asiakasraati",
    "weekday": "tiistaina",
    "date": "8.12.2026",
    "time": "13.00",
    "place": "Asemakatu 12, kokoushuone Kuusi",
    "link": "https://sosiaalityo.example.fi/raati/s/abcdefghijklmnopqrstuv",
    "agenda": "1. Avaus\n2. Edellisen kerran muistio\n3. Asiakkaan kohtaaminen",
}
PROPOSAL_PLACEHOLDERS = {
    "council": _("the council's name"),
    "title": _("the proposal's title"),
    "deadline": _("the answer deadline"),
    "link": _("the answer page, added when sent"),
}
PROPOSAL_EXAMPLE = {
    "council": "Koivulan asiakasraati",
    "title": "Ajanvaraukseton neuvonta joka tiistai",
    "deadline": "8.1.2027",
    "link": "https://sosiaalityo.example.fi/raati/vastaus/abcdefghijklmnopqrstuvwxyz012345",
    "text": "Asiakasraati ehdottaa ...",
}

for kind in (
    kinds.MessageKind(
        purpose=REMINDER,
        label=_("Client council: reminder of a meeting"),
        subject=_("Reminder of the client council's meeting"),
        placeholders=MEETING_PLACEHOLDERS,
        defaults={
            "fi": "Muistutus: {council} {weekday} {date} klo {time}, {place}. Tervetuloa! "
            "Kerro tuletko: {link}",
            "sv": "Påminnelse: {council} {weekday} {date} kl. {time}, {place}. Välkommen! "
            "Berätta om du kommer: {link}",
            "en": "Reminder: {council} on {weekday} {date} at {time}, {place}. Welcome! "
            "Tell us if you are coming: {link}",
        },
        example=MEETING_EXAMPLE,
    ),
    kinds.MessageKind(
        purpose=PACKET,
        label=_("Client council: invitation and papers for a meeting"),
        subject=_("Invitation to the client council's meeting"),
        placeholders={**MEETING_PLACEHOLDERS, "agenda": _("the agenda")},
        defaults={
            "fi": "Tervetuloa asiakasraatiin {weekday} {date} klo {time}, {place}. "
            "Kutsu, asialista ja edellisen kerran muistio: {link}",
            "sv": "Välkommen till klientrådet {weekday} {date} kl. {time}, {place}. "
            "Inbjudan, föredragningslista och föregående promemoria: {link}",
            "en": "Welcome to the client council on {weekday} {date} at {time}, {place}. "
            "The invitation, the agenda and the last minutes: {link}",
        },
        example=MEETING_EXAMPLE,
    ),
    kinds.MessageKind(
        purpose=ANSWER_REQUEST,
        label=_("Client council: a proposal to answer (outside recipient)"),
        subject=_("A proposal from the client council"),
        placeholders={**PROPOSAL_PLACEHOLDERS, "text": _("the proposal's text")},
        defaults={
            "fi": "{council} lähettää teille aloitteen: {title}\n\n{text}\n\n"
            "Pyydämme vastaustanne {deadline} mennessä. Voitte kirjoittaa vastauksen tästä "
            "osoitteesta ilman tunnuksia: {link}",
            "sv": "{council} sänder er ett initiativ: {title}\n\n{text}\n\n"
            "Vi ber om ert svar senast {deadline}. Ni kan skriva svaret på den här adressen "
            "utan inloggning: {link}",
            "en": "{council} sends you a proposal: {title}\n\n{text}\n\n"
            "We ask for your answer by {deadline}. You can write it at this address without "
            "an account: {link}",
        },
        example=PROPOSAL_EXAMPLE,
    ),
    kinds.MessageKind(
        purpose=DEADLINE_NEAR,
        label=_("Client council: a proposal's answer is due soon"),
        subject=_("An answer to the client council is due soon"),
        placeholders=PROPOSAL_PLACEHOLDERS,
        defaults={
            "fi": "Muistutus: asiakasraadin ({council}) aloitteeseen ”{title}” odotetaan "
            "vastausta {deadline} mennessä.",
            "sv": "Påminnelse: klientrådets ({council}) initiativ ”{title}” väntar på svar "
            "senast {deadline}.",
            "en": "Reminder: the client council's ({council}) proposal “{title}” awaits an "
            "answer by {deadline}.",
        },
        example=PROPOSAL_EXAMPLE,
    ),
    kinds.MessageKind(
        purpose=DEADLINE_TODAY,
        label=_("Client council: a proposal's answer is due today"),
        subject=_("An answer to the client council is due today"),
        placeholders=PROPOSAL_PLACEHOLDERS,
        defaults={
            "fi": "Tänään {deadline} on asiakasraadin ({council}) aloitteen ”{title}” "
            "vastauksen määräpäivä.",
            "sv": "I dag {deadline} ska klientrådets ({council}) initiativ ”{title}” ha fått svar.",
            "en": "Today, {deadline}, the answer to the client council's ({council}) proposal "
            "“{title}” is due.",
        },
        example=PROPOSAL_EXAMPLE,
    ),
    kinds.MessageKind(
        purpose=KICKOFF,
        label=_("Client council: invitation to the kick-off event"),
        subject=_("Invitation to hear about the client council"),
        placeholders={
            "council": _("the council's name"),
            "weekday": _("the day of the week"),
            "date": _("the date"),
            "time": _("the starting time"),
            "place": _("the place"),
        },
        defaults={
            "fi": "Tervetuloa kuulemaan asiakasraadista ({council}) {weekday} {date} klo {time}, "
            "{place}. Tarjolla kahvia. Tilaisuus ei sido mihinkään.",
            "sv": "Välkommen att höra om klientrådet ({council}) {weekday} {date} kl. {time}, "
            "{place}. Vi bjuder på kaffe. Du förbinder dig inte till något.",
            "en": "Welcome to hear about the client council ({council}) on {weekday} {date} at "
            "{time}, {place}. There will be coffee. Coming does not commit you to anything.",
        },
        example=MEETING_EXAMPLE,
    ),
):
    kinds.register_kind(kind)


def meeting_context(meeting: Meeting, agenda: str = ""):
    def values(language: str) -> dict[str, str]:
        return {
            "council": meeting.council.name,
            **kinds.when(meeting.starts_at, language),
            "place": meeting.place or meeting.council.place,
            "agenda": agenda,
        }

    return values


def kickoff_context(kickoff):
    def values(language: str) -> dict[str, str]:
        return {
            "council": kickoff.council.name,
            **kinds.when(kickoff.starts_at, language),
            "place": kickoff.place,
        }

    return values


def proposal_context(proposal):
    def values(language: str) -> dict[str, str]:
        return {
            "council": proposal.council.name,
            "title": proposal.title,
            "text": proposal.text,
            "deadline": date_format(proposal.deadline, "j.n.Y") if proposal.deadline else "",
        }

    return values


# --- The reminder scan's source ------------------------------------------------------------


def upcoming_reminders(start: datetime, end: datetime):
    from councils.models import PacketDelivery

    meetings = list(
        Meeting.objects.select_for_update(of=("self",), no_key=True)
        .filter(starts_at__gte=start, starts_at__lt=end, cancelled_at__isnull=True)
        .exclude(council__status__in=(Council.Status.ENDED, Council.Status.PAUSED))
        .select_related("council")
        .order_by("starts_at", "id")
    )
    if not meetings:
        return
    by_council: dict[int, list[Membership]] = {}
    for membership in Membership.objects.filter(
        council_id__in={m.council_id for m in meetings},
        status__in=Membership.RECEIVING,
        client__isnull=False,
    ).select_related("client"):
        by_council.setdefault(membership.council_id, []).append(membership)
    # Someone who already said they cannot come is not reminded.
    declined = set(
        Attendance.objects.filter(
            meeting__in=meetings, reply=Attendance.Reply.NOT_COMING
        ).values_list("meeting_id", "membership_id")
    )
    # The member's own page goes with the reminder, for the reply.
    links = {
        (d.meeting_id, d.membership_id): d.link
        for d in PacketDelivery.objects.filter(meeting__in=meetings).select_related("link")
    }
    for meeting in meetings:
        values = meeting_context(meeting)
        for membership in by_council.get(meeting.council_id, ()):
            if (meeting.pk, membership.pk) in declined:
                continue
            link = links.get((meeting.pk, membership.pk))
            yield kinds.Reminder(
                client=membership.client,
                about=meeting,
                starts_at=meeting.starts_at,
                key=f"councils.meeting-{meeting.pk}-{int(meeting.starts_at.timestamp())}"
                f"-member-{membership.pk}",
                context=values,
                link=link if link is not None and link.is_open() else None,
            )


kinds.register_reminder_source(
    kinds.ReminderSource(name="councils.meeting", purpose=REMINDER, upcoming=upcoming_reminders)
)


@kinds.register_letter_scope
def letters_of_my_councils(user):
    """Letters about a council's meetings and kick-off events are printed by its leaders."""
    from councils.models import Kickoff

    return about_q(Meeting.objects.filter(council__staff__user=user)) | about_q(
        Kickoff.objects.filter(council__staff__user=user)
    )
