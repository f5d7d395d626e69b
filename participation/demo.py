"""Demo participation: a filled annual clock (the feedback and participation year of domain
guide §4.6 as planned items, matched with what the demo's apps did); theme afternoons, a
network day and a theme week of the past year with their attendees, what clients said and
the feedback cards of three of them (one with too few to show); and social reporting: a
year of reports from the open link and from two targeted collections (housing in spring,
young adults' livelihood in autumn), some answered by a team, some processed with what was
done, two monthly meetings with minutes, and one collection open now. Idempotent: what
exists is left alone."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from participation.models import Collection, Report, ReportingMeeting, Theme
from socialwork.people.models import Unit, User

SPRING = "Asumisen ongelmat keväällä"
AUTUMN = "Nuorten aikuisten toimeentulo"
NOW_OPEN = "Digitaaliset palvelut arjessa"

CONCERNS = [
    ("Asuminen", "Vuokra-asuntojen jonot ovat pidentyneet; nuoret asuvat tuttavien luona."),
    ("Asuminen", "Häätöuhkia tulee yhä useammin vuokrarästien takia."),
    ("Toimeentulo ja velat", "Pikavippien takia moni on ulosotossa jo ennen 25 ikävuotta."),
    ("Mielenterveys", "Mielenterveyspalveluihin pääsy kestää kuukausia."),
    ("Digitaaliset palvelut", "Moni ei saa pankkitunnuksia, eikä pääse asioimaan sähköisesti."),
    ("Yksinäisyys ja osallisuus", "Ikääntyvät miehet jäävät yksin työttömyyden jälkeen."),
    ("Palvelujen saavutettavuus", "Bussiyhteydet sivukylistä toimistolle ovat huonot."),
    ("Päihteet ja riippuvuudet", "Rahapelaaminen näkyy yhä useamman asiakkaan taloudessa."),
]
POSITIVES = [
    ("Yksinäisyys ja osallisuus", "Ryhmätoiminta on tuonut asiakkaille uusia tuttavuuksia."),
    ("Työ ja koulutus", "Kuntouttavan työtoiminnan kautta moni on päässyt opiskelemaan."),
    ("Palvelujen saavutettavuus", "Ajanvaraukseton neuvonta tiistaisin on vähentänyt jonoja."),
    ("Asuminen", "Yhteistyö vuokrataloyhtiön kanssa on ehkäissyt häätöjä."),
]
PROPOSALS = [
    "Yhteinen asumisneuvoja vuokrataloyhtiön kanssa.",
    "Talousneuvontaa jo toisen asteen oppilaitoksiin.",
    "",
    "Asiointiapua kirjastoon kerran viikossa.",
]


@transaction.atomic
def seed() -> None:
    seed_events()
    seed_clock()
    if Collection.objects.filter(title=SPRING).exists():
        return
    rng = random.Random(17)
    staff = {u.username: u for u in User.objects.filter(is_active=True)}
    reporters = [
        staff[n] for n in ("ohjaaja", "ohjaaja2", "sostt", "handledare", "sostt2") if n in staff
    ]
    supervisor = staff.get("esimies") or next(iter(staff.values()))
    manager = staff.get("johtaja") or supervisor
    units = list(Unit.objects.order_by("pk")[:2])
    themes = {t.name_fi: t for t in Theme.objects.all()}
    today = timezone.localdate()
    year_ago = today - datetime.timedelta(days=350)
    spring = Collection.objects.create(
        title=SPRING,
        description="Mitä huomaatte asiakkaiden asumisessa: jonot, häädöt, asunnottomuus?",
        theme=themes.get("Asuminen"),
        opens_on=year_ago + datetime.timedelta(days=60),
        closes_on=year_ago + datetime.timedelta(days=80),
        created_by=supervisor,
    )
    autumn = Collection.objects.create(
        title=AUTUMN,
        description="Nuorten aikuisten velat ja toimeentulo: mikä toistuu, mikä auttaa?",
        theme=themes.get("Toimeentulo ja velat"),
        opens_on=year_ago + datetime.timedelta(days=240),
        closes_on=year_ago + datetime.timedelta(days=260),
        created_by=manager,
        invited_at=timezone.now(),
        reminded_at=timezone.now(),
    )
    now_open = Collection.objects.create(
        title=NOW_OPEN,
        description="Miten sähköinen asiointi onnistuu asiakkailtanne?",
        theme=themes.get("Digitaaliset palvelut"),
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=11),
        created_by=supervisor,
        invited_at=timezone.now(),
    )
    for collection in (spring, autumn, now_open):
        collection.units.set(units)
    spring.invited_at = spring.reminded_at = timezone.now()
    spring.save()
    reports = []
    for n in range(44):
        day = year_ago + datetime.timedelta(days=rng.randrange(0, 345))
        collection = None
        if spring.opens_on <= day <= spring.closes_on:
            collection = spring
        elif autumn.opens_on <= day <= autumn.closes_on:
            collection = autumn
        author = rng.choice(reporters)
        positive = rng.random() < 0.3
        theme, text = rng.choice(POSITIVES if positive else CONCERNS)
        if collection is not None and not positive:
            theme = collection.theme.name_fi
        unit = author.role_assignments.exclude(unit=None).first().unit
        report = Report.objects.create(
            collection=collection,
            unit=unit,
            author=author,
            signal="positive" if positive else "concern",
            client_group=rng.choice(
                ["young_adults", "working_age", "unemployed", "housing", "all"]
            ),
            concerns="" if positive else text,
            positives=text if positive else "",
            proposal=rng.choice(PROPOSALS),
            team_name="Aikuissosiaalityön tiimi" if n % 7 == 0 else "",
            sent_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10 + n % 6))),
        )
        report.themes.set(
            [themes[theme]] + ([themes["Palvelujen saavutettavuus"]] if n % 5 == 0 else [])
        )
        if report.team_name:
            report.team.set(
                [
                    u
                    for u in reporters
                    if u != author and u.role_assignments.filter(unit=unit).exists()
                ][:2]
            )
        reports.append(report)
    meetings = []
    for months_ago in (8, 3):
        meetings.append(
            ReportingMeeting.objects.create(
                held_on=today - datetime.timedelta(days=30 * months_ago),
                minutes="Käytiin läpi kuukauden raportit. Asumisen huolet viedään "
                "asuntotoimen kanssa yhteiseen palaveriin; talousneuvonnan lisäämistä "
                "esitetään johtoryhmälle.",
                created_by=supervisor,
            )
        )
    for report in reports:
        handled = [m for m in meetings if m.held_on >= timezone.localdate(report.sent_at)]
        if handled and rng.random() < 0.7:
            report.meeting = handled[0]
            report.processed_at = timezone.make_aware(
                datetime.datetime.combine(handled[0].held_on, datetime.time(15))
            )
            report.processed_by = supervisor
            report.action_taken = (
                "Käsitelty sosiaalisen raportoinnin kokouksessa ja viety eteenpäin."
            )
            report.quotable = rng.random() < 0.3
            report.save()


EVENTS = [
    # (days ago, kind, title, attendance, notes, feedback cards)
    (330, "network_day", "Verkostopäivä: aikuissosiaalityö tutuksi", 46, 2, 0),
    (300, "theme_afternoon", "Teemailtapäivä: toimeentulotuki ja Kela", 21, 3, 9),
    (270, "theme_afternoon", "Teemailtapäivä: asuminen ja vuokravelat", 17, 2, 3),
    (240, "theme_afternoon", "Teemailtapäivä: sähköinen asiointi", 12, 2, 0),
    (95, "theme_afternoon", "Teemailtapäivä: työ ja opiskelu", 15, 2, 7),
    (60, "theme_afternoon", "Teemailtapäivä: mielen hyvinvointi", 19, 2, 0),
    (25, "theme_week", "Ehkäisevän päihdetyön viikko", None, 1, 0),
]
PROGRAMME = "1 h tietoa palveluista, 1 h keskustelua."
NOTES = [
    ("idea", "Toivottiin ajanvarausta myös tekstiviestillä."),
    ("feedback", "Tietoa tuli sopivasti, keskustelulle olisi saanut olla enemmän aikaa."),
    ("idea", "Vertaistukiryhmä velkaantuneille nuorille."),
    ("feedback", "Paikka oli helppo löytää ja kahvi hyvää."),
]


def seed_events() -> None:
    import uuid

    from feedback import selectors as feedback_selectors
    from feedback.models import Channel, Instrument, Response
    from feedback.services import response_record
    from participation import services
    from participation.models import Event

    if Event.objects.exists():
        return
    rng = random.Random(23)
    staff = {u.username: u for u in User.objects.filter(is_active=True)}
    organiser, recorder = staff.get("ohjaaja"), staff.get("sostt")
    if organiser is None:
        return
    unit = Unit.objects.order_by("pk").first()
    today = timezone.localdate()
    card = Instrument.objects.get(code="card")
    for days, kind, title, attendance, notes, cards in EVENTS:
        day = today - datetime.timedelta(days=days)
        event = services.event_save(
            actor=organiser,
            units=[unit],
            organisers=[organiser, recorder] if recorder else [organiser],
            kind=kind,
            title=title,
            starts_on=day,
            ends_on=day + datetime.timedelta(days=4) if kind == "theme_week" else None,
            start_time=None if kind == "theme_week" else datetime.time(13),
            end_time=None if kind == "theme_week" else datetime.time(15),
            place="Kirjaston auditorio, Asemakatu 3",
            programme="1 h tietoa palveluista, 1 h keskustelua."
            if kind == "theme_afternoon"
            else "",
            informer=organiser,
            chair=recorder,
        )
        if attendance is not None:
            services.event_attendance(actor=organiser, event=event, attendance=attendance)
        for kind_, text in rng.sample(NOTES, notes if notes <= len(NOTES) else len(NOTES)):
            services.event_note_add(actor=organiser, event=event, kind=kind_, text=text, unit=unit)
        if cards:
            campaign = services.event_feedback_open(actor=organiser, event=event)
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15)))
            for _ in range(cards):
                key = uuid.uuid4()
                response_record(
                    key=key,
                    version=feedback_selectors.version_current(card),
                    channel=Channel.PAPER,
                    language="fi",
                    answers={"q1": rng.choice([2, 3, 3]), "q2": rng.choice([2, 3])},
                    unit_id=unit.pk,
                    campaign=campaign,
                )
                Response.objects.filter(key=key).update(submitted_hour=moment)


# The feedback and participation year of domain guide §4.6, as planned items.
CLOCK = [
    # (title, kind, month, day, months of a yearly rule or None, owner)
    ("Asiakastyytyväisyyskysely", "survey", 11, 2, [11], "esimies"),
    ("Teemailtapäivät", "theme_afternoon", 2, 12, [2, 3, 4, 9, 10], "ohjaaja"),
    ("Ehkäisevän päihdetyön viikko", "theme_week", 11, 9, [11], "sostt"),
    ("Verkostopäivä", "network_day", 1, 28, [1], "esimies"),
    ("Asiakasraadin kokous", "council", 1, 14, "monthly", "ohjaaja"),
    ("Fyrkkaa & fiilistä -kurssi alkaa", "course", 1, 20, "quarterly", "ohjaaja2"),
    ("Kokemusasiantuntijoiden työnohjaus", "supervision", 1, 22, "monthly", "koordinaattori"),
    ("Kokemustiedon keruu", "sora", 3, 1, [3, 10], "esimies"),
    ("Johdon vuosiraportti", "reporting", 2, 15, [2], "johtaja"),
    ("Talousarvion valmistelu", "reporting", 8, 31, [8], "johtaja"),
]


def seed_clock() -> None:
    from participation import services
    from participation.models import ClockItem

    if ClockItem.objects.exists():
        return
    staff = {u.username: u for u in User.objects.filter(is_active=True)}
    if "esimies" not in staff:
        return
    unit = Unit.objects.order_by("pk").first()
    year = timezone.localdate().year
    for title, kind, month, day, months, owner in CLOCK:
        repeats = months if isinstance(months, str) else "yearly"
        item = ClockItem.objects.create(
            title=title,
            kind=kind,
            unit=None if kind in ("reporting", "supervision") else unit,
            owner=staff.get(owner, staff["esimies"]),
            starts_on=datetime.date(year, month, day),
            rrule=services.recurrence(
                repeats=repeats, months=[] if isinstance(months, str) else months
            ),
            remind_days_before=14,
            created_by=staff["esimies"],
        )
        if kind == "reporting" and month < timezone.localdate().month:
            item.done.create(day=item.starts_on, marked_by=staff.get("johtaja", staff["esimies"]))
