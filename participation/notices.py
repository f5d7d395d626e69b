"""What participation sends: the invitation to a social-reporting collection and the
reminder before it closes, by e-mail to the staff invited. The words are message templates
administrators can change; the sending rules are the messaging app's."""

from django.utils.translation import gettext_lazy as _

from socialwork.messaging import kinds

COLLECTION_INVITATION = "participation.collection_invitation"
COLLECTION_REMINDER = "participation.collection_reminder"

PLACEHOLDERS = {
    "title": _("the collection's title"),
    "closes": _("the last day to answer"),
    "address": _("the form's address"),
}
EXAMPLE = {
    "title": "Asumisen ongelmat syksyllä 2026",
    "closes": "18.12.2026",
    "address": "https://sosiaalityo.example.fi/participation/sora/collection/12/",
}

kinds.register_kind(
    kinds.MessageKind(
        purpose=COLLECTION_INVITATION,
        label=_("Social reporting: invitation to a collection"),
        subject=_("Social reporting: your observations are asked for"),
        placeholders=PLACEHOLDERS,
        example=EXAMPLE,
        defaults={
            "fi": "Kokemustiedon keruu: {title}. Kerro havaintosi asiakastyöstä yksin tai "
            "tiiminä {closes} mennessä: {address}",
            "sv": "Insamling av erfarenhetsbaserad kunskap: {title}. Berätta om dina "
            "iakttagelser i klientarbetet ensam eller som team senast {closes}: {address}",
            "en": "Collection of experiential knowledge: {title}. Report what you notice in "
            "client work, alone or as a team, by {closes}: {address}",
        },
    )
)
kinds.register_kind(
    kinds.MessageKind(
        purpose=COLLECTION_REMINDER,
        label=_("Social reporting: reminder before a collection closes"),
        subject=_("Social reporting: the collection closes soon"),
        placeholders=PLACEHOLDERS,
        example=EXAMPLE,
        defaults={
            "fi": "Muistutus: kokemustiedon keruu {title} päättyy {closes}. Vastaa: {address}",
            "sv": "Påminnelse: insamlingen {title} avslutas {closes}. Svara: {address}",
            "en": "Reminder: the collection {title} closes on {closes}. Answer: {address}",
        },
    )
)

CLOCK_REMINDER = "participation.clock_reminder"

kinds.register_kind(
    kinds.MessageKind(
        purpose=CLOCK_REMINDER,
        label=_("Annual clock: reminder to the owner of an item"),
        subject=_("Annual clock: your item is coming up"),
        placeholders={
            "title": _("the item's title"),
            "date": _("the date"),
            "address": _("the annual clock's address"),
        },
        example={
            "title": "Asiakastyytyväisyyskysely",
            "date": "2.11.2027",
            "address": "https://sosiaalityo.example.fi/participation/clock/",
        },
        defaults={
            "fi": "Vuosikello: {title} {date}. Sinä olet vastuuhenkilö. {address}",
            "sv": "Årsklockan: {title} {date}. Du är ansvarsperson. {address}",
            "en": "Annual clock: {title} on {date}. You are responsible. {address}",
        },
    )
)
