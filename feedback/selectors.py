"""Reads of the feedback app, for views, the kiosk and exports."""

import datetime as dt

from django.conf import settings
from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import to_python

from feedback.models import (
    FACE_LEVEL,
    Answer,
    Campaign,
    Channel,
    ContactSlip,
    Instrument,
    InstrumentVersion,
    Item,
    KioskDevice,
    PendingContactSlip,
    Scale,
    WorkerCode,
    face_level,
    in_language,
    secret_hash,
)

KIOSK_COOKIE = "socialwork_kiosk"


def device_for_secret(secret: str | None) -> KioskDevice | None:
    if not secret:
        return None
    return (
        KioskDevice.objects.select_related("unit", "instrument")
        .filter(secret_hash=secret_hash(secret), enrolled_at__isnull=False, revoked_at__isnull=True)
        .first()
    )


def device_waiting_for(link) -> KioskDevice | None:
    """The tablet a registration link is for, while it may still be registered."""
    return KioskDevice.objects.filter(enrol_link=link, revoked_at__isnull=True).first()


def version_current(instrument: Instrument) -> InstrumentVersion | None:
    return (
        instrument.versions.prefetch_related(Prefetch("items", Item.objects.order_by("order")))
        .order_by("-number")
        .first()
    )


def worker_colours(unit_id: int):
    return WorkerCode.objects.filter(unit_id=unit_id, is_active=True).exclude(colour="")


def _ui_texts() -> dict:
    """The kiosk's own words in the active language."""
    return {
        "privacy": _(
            "Your answer is anonymous. We do not ask your name and we do not save anything "
            "that tells who you are."
        ),
        "colour": _("Which colour was the card your worker gave you?"),
        "colour_help": _("You may skip this. Only the colour is saved."),
        "colour_none": _("No card or I do not know"),
        "send": _("Send"),
        "clear": _("Start over"),
        "thanks": _("Thank you for your feedback!"),
        "thanks_more": _("Your answer has been saved. The page starts over in a moment."),
        "thanks_queued": _(
            "Your answer has been saved on this tablet and will be sent when the connection "
            "returns. The page starts over in a moment."
        ),
        "empty": _("Answer at least one question before sending."),
        "year_range": _("Check the year of birth: write it with four digits, for example 1973."),
        "email_check": _("Check the e-mail address, or leave it empty and give a phone number."),
        "not_saved": _(
            "The answer could not be saved on this tablet. Please tell the staff. Nothing was sent."
        ),
        "contact_offer": _("Would you like to take part in developing social work?"),
        "contact_offer_more": _(
            "You can join the client council or become an experience expert. If you leave "
            "your contact details, a worker will call you. They are kept apart from your "
            "answers."
        ),
        "contact_yes": _("Yes, leave my contact details"),
        "contact_no": _("No, thank you"),
        "contact_title": _("Your contact details"),
        "name": _("Your name"),
        "phone": _("Phone number"),
        "email": _("E-mail address"),
        "interest": _("I am interested in"),
        "interest_council": _("Client council"),
        "interest_expert": _("Experience expert"),
        "interest_either": _("Either, or I am not sure yet"),
        "message": _("Anything you want to tell us (optional)"),
        "contact_send": _("Send my contact details"),
        "contact_cancel": _("Cancel"),
        "contact_missing": _("Write your name and a phone number or an e-mail address."),
        "contact_thanks": _("Thank you! A worker will contact you."),
        "waiting": _("Answers waiting to be sent: %(count)s"),
        "text_help": _("You can write as much or as little as you like."),
        "language": _("Language"),
        "optional": _("You can leave out any question you do not want to answer."),
    }


def kiosk_rows(version: InstrumentVersion, items: list[Item], texts: dict) -> list[dict]:
    """The questions as the kiosk template draws them, in the tablet's first language; each
    text carries the key the page uses to switch language without the network."""
    rows, section = [], None
    for item in items:
        row = {
            "code": item.code,
            "scale": item.scale,
            "number": item.number,
            "key": f"item.{item.code}",
            "label": texts.get(f"item.{item.code}", ""),
            "section_key": "",
            "options": [],
        }
        if item.section != section and item.section_title:
            row["section_key"] = f"section.{item.section}"
            row["section_label"] = texts.get(row["section_key"], "")
        section = item.section
        if item.scale == Scale.CHOICE:
            row["options"] = [
                (option["value"], f"option.{item.code}.{option['value']}", 0)
                for option in item.options
            ]
        elif item.scale in (Scale.FACES3, Scale.FACES5, Scale.AGREE5):
            low, high = item.value_range()
            values = list(range(low, high + 1))
            if item.scale in FACE_LEVEL:
                values.reverse()  # happy first, as printed in the source (§3.2)
            row["options"] = [
                (v, f"scale.{item.scale}.{v}", face_level(item.scale, v)) for v in values
            ]
        row["options"] = [
            {"value": v, "key": key, "label": texts.get(key, str(v)), "level": level}
            for v, key, level in row["options"]
        ]
        rows.append(row)
    return rows


def kiosk_setup(device: KioskDevice) -> dict | None:
    """Everything the tablet needs to work offline: the current questions and every text in
    each of the tablet's languages, so that switching language needs no network."""
    version = version_current(device.instrument)
    if version is None:
        return None
    items = list(version.items.all())
    languages = [code for code in device.languages if code in dict(settings.LANGUAGES)] or ["fi"]
    texts = {}
    for language in languages:
        with translation.override(language):
            strings = {f"ui.{key}": value for key, value in _ui_texts().items()}
        strings["title"] = in_language(device.instrument.name, language)
        strings["intro"] = in_language(version.intro, language) if version.intro else ""
        for item in items:
            strings[f"item.{item.code}"] = in_language(item.text, language)
            if item.section_title:
                strings[f"section.{item.section}"] = in_language(item.section_title, language)
            for value, labels in version.scale_labels.get(item.scale, {}).items():
                strings[f"scale.{item.scale}.{value}"] = in_language(labels, language)
            for option in item.options:
                strings[f"option.{item.code}.{option['value']}"] = in_language(
                    option["text"], language
                )
        with translation.override(language):
            for code in WorkerCode.Colour:
                strings[f"colour.{code.value}"] = str(code.label)
        texts[language] = strings
    return {
        "version": version,
        "items": items,
        "rows": kiosk_rows(version, items, texts[languages[0]]),
        "languages": languages,
        "texts": texts,
        "colours": list(worker_colours(device.unit_id)) if device.ask_worker_colour else [],
        "config": {
            "version": version.pk,
            "languages": languages,
            "idleSeconds": device.idle_seconds,
            # The thanks screen stays long enough to read, never longer than the idle time.
            "thanksSeconds": min(10, device.idle_seconds),
            "offerContact": device.instrument.kind == Instrument.Kind.SURVEY,
            "texts": texts,
        },
    }


def campaign_for_link(link) -> Campaign | None:
    """The campaign a survey link opens, while it is handed out on the web."""
    return (
        Campaign.objects.select_related("instrument", "unit", "link")
        .filter(link=link, channels__contains=[Channel.WEB])
        .first()
    )


def campaign_with_sheet(campaign_id: int) -> Campaign | None:
    """The campaign and its sheet's file, for the download."""
    return Campaign.objects.select_related("sheet").filter(pk=campaign_id).first()


def campaigns_list(*, instrument_kind: str | None = None):
    qs = Campaign.objects.select_related("instrument", "unit", "sheet").defer("sheet__file")
    if instrument_kind:
        qs = qs.filter(instrument__kind=instrument_kind)
    return qs.order_by("-year", "-month", "unit__name")


def paper_campaigns_for(units, *, today: dt.date | None = None):
    """Campaigns whose paper forms may be typed in now, for these units: open today (its
    month and the fortnight after) and the units' own or the whole organisation's. A closed
    campaign takes no more forms: typing unlimited forms into last year's campaign could
    move a figure one knows to reveal the answers already in it."""
    return (
        Campaign.objects.select_related("instrument", "unit")
        .filter(channels__contains=[Channel.PAPER])
        .filter(Campaign.open_on(today or timezone.localdate()))
        .filter(Q(unit__isnull=True) | Q(unit__in=units))
    )


def scoped_campaign_open_on(scope: str, day: dt.date):
    """The campaign of one thing inside a unit (services.scoped_campaign_open) open on
    `day`, with its link and sheet, or None."""
    return (
        Campaign.objects.filter(Campaign.open_on(day), scope=scope)
        .select_related("link", "sheet", "instrument")
        .order_by("-year", "-month")
        .first()
    )


def contact_slips_waiting_count() -> int:
    """Slips that came but wait to be moved to the list with others (feedback.models): the
    coordinator sees how many, never who."""
    return PendingContactSlip.objects.count()


def contact_slips_list(user):
    """The slips this user recruits from (permissions.contact_slips_scope)."""
    from feedback.permissions import contact_slips_scope

    scope = contact_slips_scope(user)
    if scope is None:
        return ContactSlip.objects.none()
    return (
        ContactSlip.objects.filter(scope)
        .select_related("unit", "handled_by")
        .order_by("handled_at", "-received_on", "name")
    )


def contact_slips_open(user, *, interests, units):
    """The open slips, among those this user reads, of people interested in `interests`,
    from `units` or without a unit (a client council's leaders recruit from these)."""
    return list(
        contact_slips_list(user)
        .filter(handled_at__isnull=True, interest__in=interests)
        .filter(Q(unit__isnull=True) | Q(unit__in=units))
        .order_by("received_on", "name")
    )


def micro_instruments():
    return Instrument.objects.filter(
        is_active=True, kind__in=[Instrument.Kind.ORAL, Instrument.Kind.USEFULNESS]
    ).order_by("kind")


def micro_instrument_pick(instruments, code: str | None):
    """The instrument asked for by its code, else the last one (the usefulness question)."""
    chosen = next((i for i in instruments if i.code == code), None)
    return chosen or (instruments[-1] if instruments else None)


def contact_slip_person(slip: ContactSlip) -> tuple[dict, list[str]]:
    """The client fields a contact slip gives for a minimal client record (for a council's
    candidate or an expert candidate), and what the worker should check by hand."""
    from socialwork.people.models import Client

    checks = []
    phone = to_python(slip.phone, region="FI") if slip.phone else None
    if slip.phone and not (phone and phone.is_valid()):
        checks.append(
            _("The phone number on the slip (%(phone)s) is not a valid number: check it.")
            % {"phone": slip.phone}
        )
        phone = None
    # A slip has one name field; Finns write the family name last.
    parts = slip.name.split()
    if len(parts) < 2:
        first_name, last_name = (parts[0] if parts else "?"), "?"
    else:
        first_name, last_name = " ".join(parts[:-1]), parts[-1]
    if not slip.email:
        # The person asked to be contacted, not to get reminders: the text-message consent
        # is asked when the worker calls (an e-mail address needs no consent).
        checks.append(_("Ask for the consent to text messages when you call."))
    person = {
        "first_name": first_name[:100],
        "last_name": last_name[:100],
        "phone": phone or "",
        "email": slip.email,
        "reminder_channel": Client.ReminderChannel.EMAIL
        if slip.email
        else Client.ReminderChannel.SMS,
    }
    return person, checks


def contact_slips_open_count() -> int:
    return ContactSlip.objects.filter(handled_at__isnull=True).count()


def comments_get(pairs: list[tuple]) -> list[Answer]:
    """Comments by (answer key, question) pairs, as a page's form sends them back."""
    wanted = Q(pk__in=[])
    for key, item_id in pairs:
        wanted |= Q(response__key=key, item_id=item_id)
    return list(
        Answer.objects.select_related("item__version__instrument", "response")
        .exclude(text="")
        .filter(wanted)
    )


def comments_waiting(*, unit_ids: list[int] | None, years: list[int]) -> dict:
    """Written comments not yet read nor hidden, old enough to be read on the results page,
    by (instrument, unit, year): {(instrument_id, unit_id, year): n}. One query, on the
    partial index of the unread."""
    from django.db.models import Count
    from django.db.models.functions import Coalesce, ExtractYear

    from feedback.results import fresh_before

    comments = Answer.objects.filter(
        is_read=False, hidden=False, response__submitted_hour__lt=fresh_before()
    ).exclude(text="")
    if unit_ids is not None:
        comments = comments.filter(response__unit_id__in=unit_ids)
    # A campaign's answers count in the campaign's year, as on the results page.
    rows = (
        comments.annotate(
            year=Coalesce(
                "response__campaign__year",
                ExtractYear("response__submitted_hour", tzinfo=timezone.get_default_timezone()),
            )
        )
        .filter(year__in=years)
        .values("item__version__instrument_id", "response__unit_id", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        (row["item__version__instrument_id"], row["response__unit_id"], row["year"]): row["n"]
        for row in rows
    }


def comment_get(key, item_id: int) -> Answer | None:
    """A comment by its answer's random key: row numbers would tell the order comments came in."""
    return (
        Answer.objects.select_related("item__version__instrument", "response")
        .exclude(text="")
        .filter(response__key=key, item_id=item_id)
        .first()
    )
