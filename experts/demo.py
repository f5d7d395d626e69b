"""Demo experience experts: fifteen people at every step of the funnel, twelve with CVs on
the roster in Finnish and Swedish, two employed peer-support experts with a contact diary;
orders in every state (a school talk, a client meeting with the client's consent, a late
cancellation, one waiting for answers), a year of fees through payroll and an invoice to a
school, and a monthly supervision group. Idempotent: an existing roster is left alone.

Past events are made as orders for a future time and then moved into the past: the order
service refuses to book the past, as it should for a person."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from experts import services
from experts.models import DiaryEntry, Expert, Order, Organisation
from socialwork.core.schedules import wall_clock
from socialwork.people.models import Client, Consent, Unit, User
from socialwork.people.services import consent_record

# name, language, status, employment, motto, story, {area: text}, languages, assignments
EXPERTS = [
    (
        "Pirjo Lehtonen",
        "fi",
        "active",
        "fee",
        "Kukaan ei ole yksin.",
        "Olin pitkään työtön ja velkaantunut. Velkaneuvonta ja oma sosiaalityöntekijä auttoivat "
        "minut jaloilleni.",
        {
            "debt_counselling": "Velkajärjestely 2019.",
            "social_assistance": "Toimeentulotuki kolme vuotta.",
        },
        ["fi"],
        ["talk", "client_meeting", "drama"],
    ),
    (
        "Marko Salminen",
        "fi",
        "active",
        "fee",
        "Toivoa on aina.",
        "Päihteet veivät työn ja perheen. Kuntoutus ja vertaisryhmä toivat ne osin takaisin.",
        {"substance_abuse": "A-klinikka ja katkaisuhoito.", "peer_groups": "AA ja vertaisryhmät."},
        ["fi"],
        ["talk", "client_meeting", "group_visit"],
    ),
    (
        "Sanna Koski",
        "fi",
        "active",
        "fee",
        "Pienin askelin.",
        "Lapseni olivat sijoitettuina. Opin, että apua saa pyytää.",
        {"child_protection": "Sijoitus 2015-2018.", "adult_social_work": "Oma työntekijä."},
        ["fi"],
        ["talk", "client_meeting", "working_group"],
    ),
    (
        "Bertil Sundström",
        "sv",
        "active",
        "fee",
        "Steg för steg.",
        "Jag var arbetslös i sex år och lärde mig hur tjänsterna fungerar.",
        {
            "employment": "Arbetsprövning och rehabiliterande arbetsverksamhet.",
            "social_assistance": "Utkomststöd.",
        },
        ["sv", "fi"],
        ["talk", "working_group"],
    ),
    (
        "Maria Lindqvist",
        "sv",
        "active",
        "fee",
        "Ingen ska behöva skämmas.",
        "Psykisk ohälsa och skulder. I dag hjälper jag andra att söka stöd i tid.",
        {"mental_health": "Psykiatrisk öppenvård.", "debt_counselling": "Skuldrådgivning."},
        ["sv"],
        ["talk", "client_meeting", "expert_input"],
    ),
    (
        "Jari Mäkinen",
        "fi",
        "active",
        "fee",
        "Huomenna on uusi päivä.",
        "Asunnottomuus ja toimeentulotuki opettivat, miltä luukulla tuntuu.",
        {
            "social_assistance": "Toimeentulotuki ja asumisneuvonta.",
            "adult_social_work": "Aikuissosiaalityö.",
        },
        ["fi"],
        ["talk", "drama", "project_day"],
    ),
    (
        "Tiina Rantanen",
        "fi",
        "active",
        "fee",
        "Ääni kuuluu, kun sitä käyttää.",
        "Mielenterveyskuntoutujana tiedän, mitä kohtaaminen merkitsee.",
        {"mental_health": "Kuntoutuskoti ja avohoito.", "peer_groups": "Klubitalo."},
        ["fi", "en"],
        ["talk", "expert_input", "working_group", "drama"],
    ),
    (
        "Heikki Laaksonen",
        "fi",
        "active",
        "fee",
        "Yhdessä enemmän.",
        "Velat ja ulosotto – ja lopulta velkajärjestely.",
        {"debt_counselling": "Ulosotto ja velkajärjestely."},
        ["fi"],
        ["talk", "client_meeting"],
    ),
    (
        "Anna Holmberg",
        "sv",
        "active",
        "fee",
        "Varje möte räknas.",
        "Jag har erfarenhet av barnskydd som förälder och vill hjälpa andra föräldrar.",
        {"child_protection": "Familjearbete och placering."},
        ["sv"],
        ["talk", "client_meeting"],
    ),
    (
        "Kalle Niemi",
        "fi",
        "resting",
        "fee",
        "Hitaasti hyvä tulee.",
        "Työkokeilu ja kuntouttava työtoiminta auttoivat takaisin työelämään.",
        {"employment": "Kuntouttava työtoiminta."},
        ["fi"],
        ["talk"],
    ),
    (
        "Olli Nieminen",
        "fi",
        "active",
        "salaried",
        "Autan löytämään oikean luukun.",
        "Työttömänä opin lomakkeet ja luukut. Nyt autan työttömien yhdistyksessä.",
        {"employment": "TE-palvelut.", "social_assistance": "Kela ja toimeentulotuki."},
        ["fi"],
        ["talk", "other"],
    ),
    (
        "Leena Heino",
        "fi",
        "active",
        "salaried",
        "Kuuntelen ensin.",
        "Oma kokemus työttömyydestä ja velkaneuvonnasta.",
        {"debt_counselling": "Talous- ja velkaneuvonta.", "employment": "Työllisyyspalvelut."},
        ["fi"],
        ["other"],
    ),
    ("Ritva Aho", "fi", "training", "fee", "", "", {}, [], []),
    ("Eero Virta", "fi", "interviewed", "fee", "", "", {}, [], []),
    ("Johanna Berg", "sv", "candidate", "fee", "", "", {}, [], []),
]
NAME = "Pirjo Lehtonen"


def _person(unit, coordinator, name, language, index):
    first, last = name.split()[0], name.split()[-1]
    client = Client.objects.create(
        first_name=first,
        last_name=last,
        phone=f"+3584139599{index:02d}",
        email=f"{first.lower()}.{last.lower()}@example.fi".replace("ä", "a").replace("ö", "o"),
        preferred_language=language,
        reminder_channel=Client.ReminderChannel.SMS if index % 3 else Client.ReminderChannel.EMAIL,
        unit=unit,
        created_by=coordinator,
    )
    consent_record(actor=coordinator, client=client, kind=Consent.Kind.SMS)
    return client


def _to_past(order: Order, starts_at: datetime.datetime) -> None:
    """Move an order booked for the future into the past (see the module docstring)."""
    ends_at = starts_at + (order.ends_at - order.starts_at)
    Order.objects.filter(pk=order.pk).update(starts_at=starts_at, ends_at=ends_at)
    order.bookings.update(during=DateTimeTZRange(starts_at, ends_at, "[)"))
    order.refresh_from_db()


@transaction.atomic
def seed() -> None:
    if Expert.objects.exists():
        return
    unit = Unit.objects.order_by("pk").first()
    staff = {u.username: u for u in User.objects.filter(username__in=["ohjaaja", "koordinaattori"])}
    coordinator, worker = staff["koordinaattori"], staff["ohjaaja"]
    experts = {}
    for index, row in enumerate(EXPERTS):
        name, language, status, employment, motto, story, areas, langs, types = row
        client = _person(unit, coordinator, name, language, index)
        expert = services.expert_create(
            actor=coordinator,
            client=client,
            status=Expert.Status.ACTIVE if status in ("active", "resting") else status,
            employment=employment,
            source=[s for s, _l in Expert.Source.choices][index % len(Expert.Source.choices)],
            payroll_reference=f"70{index + 100:04d}" if status in ("active", "resting") else "",
            life_situation="Ei aamuja ennen kymmentä." if index % 4 == 0 else "",
            availability="Arkipäivisin klo 10–15." if index % 2 else "Tiistait ja torstait.",
            close_supervisor="Sanna Virtanen" if employment == "salaried" else "",
            steering_group="Työttömien yhdistys, aikuissosiaalityö, TE-palvelut"
            if employment == "salaried"
            else "",
        )
        experts[name] = expert
        if status in ("interviewed", "training", "active", "resting"):
            services.interview_save(
                actor=coordinator,
                expert=expert,
                interviewers=[coordinator, worker],
                held_on=timezone.localdate() - datetime.timedelta(days=400 - index * 10),
                life_situation="Kuntoutus edennyt; valmis kertomaan tarinastaan.",
                service_experience=", ".join(areas) or "Aikuissosiaalityö.",
            )
            expert.refresh_from_db()
        if status in ("training", "active", "resting"):
            services.training_add(
                actor=coordinator,
                expert=expert,
                provider="Tampereen ammattikorkeakoulu" if index % 2 else "Työväenopisto",
                year=timezone.localdate().year - (0 if status == "training" else 1),
                hours=40,
                completed=status != "training",
            )
        if status in ("active", "resting"):
            Expert.objects.filter(pk=expert.pk).update(status=Expert.Status.ACTIVE)
            expert.refresh_from_db()
            cv = services.cv_save(
                actor=coordinator,
                expert=expert,
                language=language,
                name=name if index % 2 else f"{name.split()[0]} {name.split()[-1][0]}.",
                born_year=1960 + index * 2,
                training_year=timezone.localdate().year - 1,
                background="Olen kertonut tarinaani kouluilla ja henkilöstökoulutuksissa."
                if language == "fi"
                else "Jag har berättat min historia i skolor och på personalutbildningar.",
                motto=motto,
                story=story,
                experience=areas,
                languages=langs,
                assignment_types=types,
            )
            services.cv_approve(actor=coordinator, cv=cv, how="in_person")
            services.cv_publish(actor=coordinator, cv=cv)
            services.page_link_renew(actor=coordinator, expert=expert, send=False)
            if status == "resting":
                services.expert_set_status(actor=coordinator, expert=expert, status="resting")
    _orders(unit, coordinator, worker, experts)
    _support(coordinator, experts)
    _slip(unit)


def _order(worker, starts_at, **data):
    fields = {
        "assignment_type": "talk",
        "place": "Koivulan sosiaaliasema, Asemakatu 12",
        "topic": "Miltä sosiaalityö näyttää asiakkaan silmin",
        "fee_offered": Decimal("50.00"),
        "cost_centre": "4410",
        "ends_at": starts_at + datetime.timedelta(hours=2),
        **data,
    }
    return services.order_create(actor=worker, starts_at=starts_at, **fields)


def _book(coordinator, order, expert):
    [booking] = services.booking_ask(actor=coordinator, order=order, experts=[expert])
    booking, _waiting = services.booking_answer(
        booking=booking, accept=True, how="phone", actor=coordinator
    )
    return booking


def _orders(unit, coordinator, worker, experts) -> None:
    today = timezone.localdate()
    school = Organisation.objects.create(
        name="Sosiaalialan oppilaitos",
        business_id="1234567-8",
        contact_person="Lehtori Kaija Mattila",
        email="kaija.mattila@oppilaitos.example",
        billing_address="PL 12\n33100 Tampere",
        billing_reference="Sosionomikoulutus",
    )
    far = wall_clock(today + datetime.timedelta(days=500), datetime.time(9))
    # A year of done assignments, each month one or two, their fees through payroll.
    done_names = [
        "Pirjo Lehtonen",
        "Marko Salminen",
        "Sanna Koski",
        "Tiina Rantanen",
        "Jari Mäkinen",
        "Bertil Sundström",
        "Heikki Laaksonen",
        "Maria Lindqvist",
    ]
    topics = [
        "Asiakkaan kohtaaminen",
        "Velkaantuminen ja häpeä",
        "Kokemus lastensuojelusta",
        "Mielenterveys ja arki",
        "Kohtaamisen koulutusdraama",
    ]
    for month in range(12, 0, -1):
        for n in range(1 + month % 2):
            name = done_names[(month + n) % len(done_names)]
            order = _order(
                worker,
                far + datetime.timedelta(days=month * 3 + n),
                unit=unit,
                topic=topics[(month + n) % len(topics)],
                assignment_type="drama" if (month + n) % 5 == 4 else "talk",
                fee_offered=Decimal(40 + (month % 4) * 15),
            )
            booking = _book(coordinator, order, experts[name])
            day = today.replace(day=1) - datetime.timedelta(days=30 * month - 10 - n * 5)
            _to_past(order, wall_clock(day, datetime.time(12 + n)))
            services.order_done(actor=worker, order=order)
            if month > 1:
                services.fees_approve(actor=coordinator, bookings=[booking])
    for month in range(12, 1, -1):
        first = (today.replace(day=1) - datetime.timedelta(days=30 * month - 10)).replace(day=1)
        batch = services.payroll_export(actor=coordinator, month=first)
        if batch is not None and month > 2:
            services.fees_mark_paid(
                actor=coordinator,
                bookings=list(batch.bookings.all()),
                paid_on=min(first + datetime.timedelta(days=45), today),
            )
    # An outside school's lesson last month, invoiced.
    lesson = _order(
        coordinator,
        far + datetime.timedelta(days=60),
        organisation=school,
        unit=None,
        audience="Sosionomiopiskelijat, 2. vuosi",
        topic="Asiakkuus sosiaalityössä: kokemusasiantuntijan puheenvuoro",
        fee_offered=Decimal("80.00"),
    )
    booking = _book(coordinator, lesson, experts["Tiina Rantanen"])
    last_month = today.replace(day=1) - datetime.timedelta(days=15)
    _to_past(lesson, wall_clock(last_month, datetime.time(10)))
    services.order_done(actor=coordinator, order=lesson)
    services.order_feedback(
        actor=coordinator, order=lesson, feedback="Opiskelijat kiittivät avoimuudesta.", rating=5
    )
    services.fees_approve(actor=coordinator, bookings=[booking])
    services.invoice_create(actor=coordinator, month=last_month.replace(day=1), organisation=school)

    # Coming: a school talk confirmed, a client meeting with the client's consent, one
    # waiting for answers, and one cancelled late.
    soon = wall_clock(today + datetime.timedelta(days=9), datetime.time(12, 30))
    talk = _order(
        coordinator,
        soon,
        organisation=school,
        unit=None,
        audience="Sosionomiopiskelijat",
        topic="Miltä toimeentulotuen hakeminen tuntuu",
        fee_offered=Decimal("80.00"),
    )
    _book(coordinator, talk, experts["Jari Mäkinen"])
    client = Client.objects.filter(named_worker=worker).order_by("pk").first()
    if client is not None:
        meeting = _order(
            worker,
            wall_clock(today + datetime.timedelta(days=6), datetime.time(10)),
            unit=unit,
            assignment_type="client_meeting",
            client=client,
            topic="Velkaneuvontaan hakeutuminen",
            goal="Asiakas rohkaistuu varaamaan ajan velkaneuvontaan.",
            agreement="Kokemusasiantuntija kertoo omasta velkajärjestelystään. Asiakkaan asiat "
            "pysyvät tapaamisessa. Työntekijä vetää tapaamisen ja vastaa jatkosta.",
            fee_offered=Decimal("40.00"),
            ends_at=wall_clock(today + datetime.timedelta(days=6), datetime.time(11)),
        )
        services.order_record_consent(actor=worker, order=meeting, how="in_person")
        meeting.refresh_from_db()
        _book(coordinator, meeting, experts["Heikki Laaksonen"])
    waiting = _order(
        worker,
        wall_clock(today + datetime.timedelta(days=20), datetime.time(13)),
        unit=unit,
        assignment_type="working_group",
        topic="Asiakaspalautteen uudistaminen: työryhmän kokous",
        areas=["adult_social_work", "social_assistance"],
        experts_needed=2,
    )
    services.booking_ask(
        actor=coordinator,
        order=waiting,
        experts=[experts["Sanna Koski"], experts["Bertil Sundström"]],
    )
    cancelled = _order(
        worker,
        wall_clock(today + datetime.timedelta(days=1), datetime.time(14)),
        unit=unit,
        topic="Tiimipalaveri: asiakkaan kohtaaminen",
    )
    _book(coordinator, cancelled, experts["Marko Salminen"])
    services.order_cancel(actor=worker, order=cancelled, by="orderer", reason="Palaveri siirtyi.")
    _order(
        worker,
        wall_clock(today + datetime.timedelta(days=30), datetime.time(9)),
        unit=unit,
        assignment_type="drama",
        topic="Asiakkaan kohtaamisen koulutus neuvonnan henkilöstölle",
        experts_needed=3,
    )


def _support(coordinator, experts) -> None:
    now = timezone.now()
    group = [e for e in experts.values() if e.status in ("active", "resting")]
    for month in range(6, -2, -1):
        starts = wall_clock((now - datetime.timedelta(days=30 * month)).date(), datetime.time(14))
        gathering = services.gathering_save(
            actor=coordinator,
            kind="supervision" if month % 3 else "joint",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            place="Asemakatu 12, kokoushuone Kuusi",
            led_by="Työnohjaaja Aino Kallio" if month % 3 else "Koordinaattori",
            experts=group,
        )
        if starts < now:
            services.gathering_attendance(
                actor=coordinator,
                gathering=gathering,
                present_ids=[e.pk for i, e in enumerate(group) if (i + month) % 4],
            )
    topics = [t for t, _l in DiaryEntry.Topic.choices]
    channels = [c for c, _l in DiaryEntry.Channel.choices]
    today = timezone.localdate()
    for expert in (experts["Olli Nieminen"], experts["Leena Heino"]):
        for n in range(60):
            services.diary_add(
                expert=expert,
                actor=coordinator,
                day=today - datetime.timedelta(days=(n * 5) % 170),
                channel=channels[n % 3],
                topic=topics[(n * 7) % len(topics)],
                referred_to="Kela" if n % 4 == 0 else "",
            )


def _slip(unit) -> None:
    from feedback.models import ContactSlip

    ContactSlip.objects.get_or_create(
        name="Teemu Hakala",
        defaults={
            "phone": "040 888 1234",
            "interest": ContactSlip.Interest.EXPERT,
            "unit": unit,
            "received_on": timezone.localdate() - datetime.timedelta(days=4),
            "message": "Olisin kiinnostunut kertomaan kokemuksistani nuorille.",
        },
    )
