"""What experts' work sends: the request to an expert (with their own page), the
confirmation to the expert and to the orderer, the reminder the day before, a cancellation,
and the expert's page link when it is renewed. The words are message templates
administrators can change; the sending rules are the messaging app's."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from experts.models import Booking, Order
from socialwork.messaging import kinds

REQUEST = "experts.request"
CONFIRMED = "experts.booking_confirmed"
ORDER_CONFIRMED = "experts.order_confirmed"
REMINDER = "experts.booking_reminder"
CANCELLED = "experts.booking_cancelled"
PAGE_LINK = "experts.page_link"

BOOKING_PLACEHOLDERS = {
    "assignment": _("the assignment"),
    "weekday": _("the day of the week"),
    "date": _("the date"),
    "time": _("the starting time"),
    "place": _("the place, or online"),
    "topic": _("the topic"),
    "link": _("the expert's own page, added when sent"),
}
BOOKING_EXAMPLE = {
    "assignment": "Puheenvuoro seminaarissa, koulutuksessa tai koulussa",
    "weekday": "torstaina",
    "date": "14.1.2027",
    "time": "12.30",
    "place": "Sosiaalialan oppilaitos, Koulukatu 3",
    "topic": "Miltä sosiaalityö näyttää asiakkaan silmin",
    "link": "https://sosiaalityo.example.fi/k/abcdefghijklmnopqrstuv",
    "experts": "Maija Virtanen",
}

for kind in (
    kinds.MessageKind(
        purpose=REQUEST,
        label=_("Experience experts: a request for an assignment"),
        subject=_("Would you take an assignment?"),
        placeholders=BOOKING_PLACEHOLDERS,
        defaults={
            "fi": "Hei! Sinua pyydetään kokemusasiantuntijaksi: {assignment} {weekday} {date} "
            "klo {time}, {place}. Aihe: {topic}. Vastaa tästä, otatko tehtävän: {link}",
            "sv": "Hej! Du tillfrågas som erfarenhetsexpert: {assignment} {weekday} {date} "
            "kl. {time}, {place}. Ämne: {topic}. Svara här om du tar uppdraget: {link}",
            "en": "Hello! You are asked to be an experience expert: {assignment} on {weekday} "
            "{date} at {time}, {place}. Topic: {topic}. Answer here whether you take it: {link}",
        },
        example=BOOKING_EXAMPLE,
    ),
    kinds.MessageKind(
        purpose=CONFIRMED,
        label=_("Experience experts: a booking confirmed (to the expert)"),
        subject=_("Your assignment is confirmed"),
        placeholders=BOOKING_PLACEHOLDERS,
        defaults={
            "fi": "Vahvistettu: {assignment} {weekday} {date} klo {time}, {place}. Kiitos! "
            "Tiedot ja omat varauksesi: {link}",
            "sv": "Bekräftat: {assignment} {weekday} {date} kl. {time}, {place}. Tack! "
            "Uppgifterna och dina bokningar: {link}",
            "en": "Confirmed: {assignment} on {weekday} {date} at {time}, {place}. Thank you! "
            "The details and your bookings: {link}",
        },
        example=BOOKING_EXAMPLE,
    ),
    kinds.MessageKind(
        purpose=ORDER_CONFIRMED,
        label=_("Experience experts: an order confirmed (to the orderer)"),
        subject=_("Your order of an experience expert is confirmed"),
        placeholders={**BOOKING_PLACEHOLDERS, "experts": _("the experts booked")},
        defaults={
            "fi": "Tilauksenne on vahvistettu: {assignment} {weekday} {date} klo {time}, "
            "{place}. Kokemusasiantuntija: {experts}. Aihe: {topic}.",
            "sv": "Er beställning är bekräftad: {assignment} {weekday} {date} kl. {time}, "
            "{place}. Erfarenhetsexpert: {experts}. Ämne: {topic}.",
            "en": "Your order is confirmed: {assignment} on {weekday} {date} at {time}, "
            "{place}. Experience expert: {experts}. Topic: {topic}.",
        },
        example=BOOKING_EXAMPLE,
    ),
    kinds.MessageKind(
        purpose=REMINDER,
        label=_("Experience experts: reminder of an assignment"),
        subject=_("Reminder of your assignment"),
        placeholders=BOOKING_PLACEHOLDERS,
        defaults={
            "fi": "Muistutus: {assignment} {weekday} {date} klo {time}, {place}. "
            "Jos et pääse, soita koordinaattorille. {link}",
            "sv": "Påminnelse: {assignment} {weekday} {date} kl. {time}, {place}. "
            "Om du inte kan komma, ring koordinatorn. {link}",
            "en": "Reminder: {assignment} on {weekday} {date} at {time}, {place}. "
            "If you cannot come, call the coordinator. {link}",
        },
        example=BOOKING_EXAMPLE,
    ),
    kinds.MessageKind(
        purpose=CANCELLED,
        label=_("Experience experts: an assignment cancelled"),
        subject=_("An assignment was cancelled"),
        placeholders=BOOKING_PLACEHOLDERS,
        defaults={
            "fi": "Peruttu: {assignment} {weekday} {date} klo {time}. Pahoittelut ja kiitos "
            "joustavuudestasi.",
            "sv": "Inställt: {assignment} {weekday} {date} kl. {time}. Vi beklagar och tackar "
            "för din flexibilitet.",
            "en": "Cancelled: {assignment} on {weekday} {date} at {time}. We are sorry, and "
            "thank you for your flexibility.",
        },
        example=BOOKING_EXAMPLE,
    ),
    kinds.MessageKind(
        purpose=PAGE_LINK,
        label=_("Experience experts: the expert's own page"),
        subject=_("Your own page as an experience expert"),
        placeholders={"link": _("the expert's own page, added when sent")},
        defaults={
            "fi": "Oma sivusi kokemusasiantuntijana: pyynnöt, varaukset ja palkkiot. "
            "Linkki toimii 30 päivää: {link}",
            "sv": "Din egen sida som erfarenhetsexpert: förfrågningar, bokningar och arvoden. "
            "Länken fungerar i 30 dagar: {link}",
            "en": "Your own page as an experience expert: requests, bookings and fees. "
            "The link works for 30 days: {link}",
        },
        example=BOOKING_EXAMPLE,
    ),
):
    kinds.register_kind(kind)


def order_context(order: Order, experts: str = ""):
    def values(language: str) -> dict[str, str]:
        from django.utils.translation import gettext

        return {
            "assignment": str(order.get_assignment_type_display()),
            **kinds.when(order.starts_at, language),
            "place": gettext("online") if order.online and not order.place else order.place,
            "topic": order.topic[:160],
            "experts": experts,
        }

    return values


# --- The reminder scan's source ------------------------------------------------------------


def upcoming_reminders(start: datetime, end: datetime):
    bookings = list(
        Booking.objects.select_for_update(of=("self",), no_key=True)
        .filter(
            status=Booking.Status.CONFIRMED,
            order__starts_at__gte=start,
            order__starts_at__lt=end,
            # An order still asking for a second expert reminds the one already booked.
            order__status__in=(Order.Status.ASKING, Order.Status.CONFIRMED),
        )
        .select_related("order", "expert__client", "expert__page_link")
        .order_by("order__starts_at", "id")
    )
    for booking in bookings:
        order = booking.order
        link = booking.expert.page_link
        yield kinds.Reminder(
            client=booking.expert.client,
            about=booking,
            starts_at=order.starts_at,
            key=f"experts.booking-{booking.pk}-{int(order.starts_at.timestamp())}",
            context=order_context(order),
            link=link if link is not None and link.is_open() else None,
        )


kinds.register_reminder_source(
    kinds.ReminderSource(name="experts.booking", purpose=REMINDER, upcoming=upcoming_reminders)
)
