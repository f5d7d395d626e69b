"""Demo data for people: a believable municipality with two units, staff in every role,
about 60 clients and the usual partner organisations. Idempotent: running it again changes
nothing that is already there."""

import random

from django.db import transaction

from socialwork.people.models import (
    Client,
    Language,
    PartnerOrganisation,
    Role,
    Unit,
    User,
)
from socialwork.people.services import client_create, role_assign

DEMO_PASSWORD = "demo-salasana-2026"

# Demo mobile numbers come from one block of 1 000 numbers, 041 3950 000-999, and the
# clients' numbers are never used outside this demo. The console SMS backend that
# `make run` uses sends nothing; point a real gateway only at real data.
DEMO_MOBILE_PREFIX = "+35841395"

UNITS = [
    ("Koivulan sosiaaliasema, aikuissosiaalityö", "Asemakatu 12", "33100", "Koivula"),
    ("Rantakylän sosiaalitoimisto", "Rantatie 4", "33900", "Koivula"),
]

# username, first, last, title, [(role, unit index or None)]
STAFF = [
    ("ohjaaja", "Sanna", "Virtanen", "sosiaaliohjaaja", [(Role.COUNSELLOR, 0)]),
    ("ohjaaja2", "Mikko", "Heikkinen", "sosiaaliohjaaja", [(Role.COUNSELLOR, 0)]),
    ("handledare", "Johanna", "Lindholm", "sosiaaliohjaaja", [(Role.COUNSELLOR, 1)]),
    ("sostt", "Riikka", "Laine", "sosiaalityöntekijä", [(Role.SOCIAL_WORKER, 0)]),
    ("sostt2", "Antti", "Koskinen", "sosiaalityöntekijä", [(Role.SOCIAL_WORKER, 1)]),
    (
        "esimies",
        "Päivi",
        "Mäkelä",
        "johtava sosiaalityöntekijä",
        [(Role.SUPERVISOR, 0), (Role.SUPERVISOR, 1)],
    ),
    (
        "koordinaattori",
        "Tuomas",
        "Järvinen",
        "kokemusasiantuntijakoordinaattori",
        [(Role.EXPERT_COORDINATOR, None)],
    ),
    (
        "johtaja",
        "Hannele",
        "Aaltonen",
        "aikuisten sosiaalipalvelujen päällikkö",
        [(Role.MANAGEMENT, None)],
    ),
    ("admin", "Kaisa", "Nieminen", "pääkäyttäjä", [(Role.ADMINISTRATOR, None)]),
]

PARTNERS = [
    ("Kela, Koivulan palvelupiste", PartnerOrganisation.Kind.KELA),
    ("Työllisyyspalvelut (TE-palvelut)", PartnerOrganisation.Kind.EMPLOYMENT),
    (
        "TYP – työllistymistä edistävä monialainen yhteispalvelu",
        PartnerOrganisation.Kind.EMPLOYMENT,
    ),
    ("Koivulan seurakunta, diakoniatyö", PartnerOrganisation.Kind.PARISH),
    ("Talous- ja velkaneuvonta", PartnerOrganisation.Kind.MUNICIPAL),
    ("Etsivä nuorisotyö", PartnerOrganisation.Kind.MUNICIPAL),
    ("A-klinikka, päihdepalvelut", PartnerOrganisation.Kind.HEALTH),
    ("Marttaliitto, Koivulan Martat", PartnerOrganisation.Kind.ASSOCIATION),
    ("Koivulan aikuisopisto", PartnerOrganisation.Kind.EDUCATION),
    ("Starttipaja Verstas", PartnerOrganisation.Kind.WORKSHOP),
]

FINNISH_FIRST = [
    "Aino",
    "Eino",
    "Helmi",
    "Jari",
    "Kalle",
    "Laura",
    "Marko",
    "Minna",
    "Niina",
    "Olli",
    "Pekka",
    "Petra",
    "Sari",
    "Teemu",
    "Tiina",
    "Ville",
    "Jenni",
    "Juha",
    "Katja",
    "Lauri",
    "Marjo",
    "Henna",
    "Janne",
    "Satu",
    "Timo",
    "Elina",
    "Joonas",
    "Noora",
    "Tero",
    "Veera",
    "Anu",
    "Harri",
    "Riitta",
    "Sami",
    "Emilia",
    "Arttu",
    "Hanna",
    "Kimmo",
    "Merja",
    "Toni",
    "Iida",
    "Jussi",
    "Kirsi",
    "Markus",
    "Pirjo",
    "Rasmus",
    "Sini",
    "Oskari",
]
FINNISH_LAST = [
    "Korhonen",
    "Nieminen",
    "Hämäläinen",
    "Lehtonen",
    "Salminen",
    "Heinonen",
    "Rantanen",
    "Karjalainen",
    "Jokinen",
    "Lehtinen",
    "Hiltunen",
    "Saarinen",
    "Niemi",
    "Kinnunen",
    "Salonen",
    "Turunen",
    "Tuominen",
    "Ahonen",
    "Mattila",
    "Leinonen",
    "Räsänen",
    "Väisänen",
    "Pöllänen",
    "Ylönen",
]
SWEDISH_FIRST = [
    "Anders",
    "Elin",
    "Fredrik",
    "Ida",
    "Jonas",
    "Linnea",
    "Mats",
    "Sofia",
    "Henrik",
    "Maria",
    "Oskar",
    "Ebba",
]
SWEDISH_LAST = [
    "Lindqvist",
    "Holmberg",
    "Nyström",
    "Sjöblom",
    "Wikström",
    "Forsman",
    "Åberg",
    "Grönroos",
    "Eriksson",
    "Strömberg",
]
STREETS = [
    "Koulukatu",
    "Puistotie",
    "Kirkkokatu",
    "Myllytie",
    "Koivukuja",
    "Rantatie",
    "Sepänkatu",
    "Kauppakatu",
]

CLIENT_COUNT = 60


@transaction.atomic
def seed() -> dict:
    units = [
        Unit.objects.get_or_create(
            name=name,
            defaults={"street_address": street, "postal_code": code, "post_office": town},
        )[0]
        for name, street, code, town in UNITS
    ]
    staff = {}
    for username, first, last, title, roles in STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "title": title,
                "email": f"{username}@koivula.example",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        for role, unit_index in roles:
            role_assign(
                actor=None,
                user=user,
                role=role,
                unit=units[unit_index] if unit_index is not None else None,
            )
        staff[username] = user

    for name, kind in PARTNERS:
        PartnerOrganisation.objects.get_or_create(name=name, defaults={"kind": kind})

    # A fixed seed keeps the demo the same on every machine, so that screenshots and the
    # README's walk-through match what a new developer sees.
    rng = random.Random(2026)
    workers = [
        [staff["ohjaaja"], staff["ohjaaja2"], staff["sostt"]],
        [staff["handledare"], staff["sostt2"]],
    ]
    for i in range(CLIENT_COUNT):
        swedish = i % 6 == 5
        # Names chosen by position, not at random, so that each demo client has a name of
        # its own and a second run finds every one of them again.
        if swedish:
            first = SWEDISH_FIRST[(i // 6) % len(SWEDISH_FIRST)]
            last = SWEDISH_LAST[(i // 6) % len(SWEDISH_LAST)]
        else:
            first = FINNISH_FIRST[i % len(FINNISH_FIRST)]
            last = FINNISH_LAST[(i + i // len(FINNISH_FIRST)) % len(FINNISH_LAST)]
        unit_index = 1 if i % 3 == 2 else 0
        street = f"{rng.choice(STREETS)} {rng.randint(1, 40)}"
        if Client.objects.filter(first_name=first, last_name=last).exists():
            continue
        worker = workers[unit_index][i % len(workers[unit_index])]
        has_phone = i % 10 != 9  # some clients have no phone: they get letters
        email = f"{first}.{last}@example.org".lower().translate(str.maketrans("äöå", "aoa"))
        client_create(
            actor=worker,
            first_name=first,
            last_name=last,
            phone=f"{DEMO_MOBILE_PREFIX}{i:04d}" if has_phone else "",
            email=email if i % 4 == 0 else "",
            preferred_language=Language.SWEDISH if swedish else Language.FINNISH,
            street_address=street,
            postal_code=units[unit_index].postal_code,
            post_office=units[unit_index].post_office,
            unit=units[unit_index],
            named_worker=worker,
            sms_consent=has_phone and i % 7 != 3,
        )
    return {"units": units, "staff": staff}


def logins() -> list[tuple[str, str]]:
    """(username, description) for the start-up banner."""
    return [(username, f"{first} {last}, {title}") for username, first, last, title, _ in STAFF]
