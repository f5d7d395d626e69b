"""Demo councils: Koivula's client council with a year of monthly meetings behind it (minutes
approved at the next meeting, attendance and bus fares, the next packet sent by e-mail, text
message and letter, replies), candidates at every stage of the funnel, proposals in every
state (one overdue, one answered through the outside link), a commission and outputs; and a
developer-client group in its six-week run. Idempotent: an existing council is left alone."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from councils import services
from councils.models import Candidate, Council, MeetingRole, Membership, Proposal
from socialwork.people.models import Client, Unit, User

Stage = Candidate.Stage
NAME = "Koivulan asiakasraati"
GROUP = "Kehittäjäasiakkaat, Koivula"
TOPICS = [
    ("Asiakkaan kohtaaminen vastaanotolla", "members"),
    ("Ajanvarauksen helppous puhelimessa", "members"),
    ("Uuden asiakasesitteen kommentointi", "management"),
    ("Aulan viihtyisyys ja odottaminen", "interview"),
    ("Päätösten selkokielisyys", "members"),
    ("Sähköinen asiointi ilman pankkitunnuksia", "leaders"),
]
DISCUSSED = [
    "Keskusteltiin siitä, miten vastaanotolla otetaan vastaan ensimmäistä kertaa tuleva.",
    "Käytiin läpi esitteen luonnos ja sen kieli; toivottiin lyhyempiä lauseita.",
    "Kerättiin ideoita odotustilan viihtyisyyteen.",
]


@transaction.atomic
def seed() -> None:
    if Council.objects.filter(name=NAME).exists():
        return
    unit = Unit.objects.order_by("pk").first()
    staff = {
        u.username: u
        for u in User.objects.filter(
            username__in=["ohjaaja", "sostt", "ohjaaja2", "johtaja", "esimies"]
        )
    }
    lead, social_worker, third = staff["ohjaaja"], staff["sostt"], staff["ohjaaja2"]
    manager = staff["johtaja"]
    today = timezone.localdate()
    first = (today - datetime.timedelta(days=335)).replace(day=1) + datetime.timedelta(days=8)
    council = services.council_create(
        actor=lead,
        units=[unit],
        leaders=[
            (lead, MeetingRole.CHAIR),
            (social_worker, MeetingRole.SECRETARY),
            (third, MeetingRole.PRESENTER),
        ],
        name=NAME,
        purpose="Asiakkaat kehittävät aikuissosiaalityön palveluja yhdessä työntekijöiden ja "
        "johdon kanssa.",
        is_closed=True,
        target_size=12,
        responsible=lead,
        cadence=Council.Cadence.MONTHLY,
        first_meeting_on=first,
        start_time=datetime.time(13),
        meeting_minutes=120,
        meeting_count=14,
        place="Asemakatu 12, kokoushuone Kuusi",
        ground_rules="Puhumme omista kokemuksistamme vain sen verran kuin haluamme. Muiden "
        "asiat jäävät huoneeseen. Kaikki saavat puheenvuoron.",
        budget=Decimal("1500.00"),
    )
    services.council_set_status(actor=lead, council=council, status=Council.Status.ACTIVE)
    clients = list(Client.objects.filter(unit=unit).order_by("pk"))
    members = [
        services.member_add(actor=lead, council=council, client=c, starts_on=first)
        for c in clients[20:30]
    ]
    # The packet by every channel: one member reads e-mail, one gets letters.
    Client.objects.filter(pk=members[0].client_id).update(
        reminder_channel=Client.ReminderChannel.EMAIL, email="jasen.raati@example.org"
    )
    Client.objects.filter(pk=members[1].client_id).update(
        reminder_channel=Client.ReminderChannel.LETTER,
        street_address="Koivukuja 3 B 12",
        postal_code="11100",
        post_office="RIIHIMÄKI",
    )
    services.member_set_status(actor=lead, membership=members[-1], status=Membership.Status.ALUMNI)
    _history(council, lead, social_worker, members[:-1], today)
    _next_packet(council, lead, today)
    _recruitment(council, lead, social_worker, clients[30:38], today)
    _proposals(council, lead, manager, today)
    services.commission_give(
        actor=manager,
        council=council,
        title="Uusi asiakasesite",
        question="Onko esitteen kieli ymmärrettävää? Mitä siitä puuttuu?",
        due_on=today + datetime.timedelta(days=40),
    )
    services.output_add(
        actor=lead,
        council=council,
        kind="poster",
        title="Huoneentaulu – Hyvä kohtaaminen",
        description="Raadin kokoamat kymmenen hyvän kohtaamisen periaatetta.",
        produced_on=today - datetime.timedelta(days=120),
        where="Koivulan sosiaaliaseman aula ja odotustilat",
    )
    for months_ago in range(6):
        month = (today.replace(day=1) - datetime.timedelta(days=28 * months_ago)).replace(day=1)
        for user in (lead, social_worker, third):
            services.hours_record(
                actor=user, council=council, month=month, hours=Decimal("7.5"), note="Raati"
            )
    # This month's round of the members' feedback is open (paper forms and the member page).
    services.feedback_round_open(actor=lead, council=council, today=today)
    _developer_group(unit, third, social_worker, clients[40:46], today)


def _history(council, lead, secretary, members, today) -> None:
    past = list(council.meetings.filter(starts_at__lt=timezone.now()).order_by("starts_at"))
    for number, (title, source) in enumerate(TOPICS):
        topic = services.topic_add(actor=lead, council=council, title=title, source=source)
        if number < len(past) and number < 4:
            services.agenda_add(actor=lead, meeting=past[number], topic=topic, is_main=True)
    for index, meeting in enumerate(past):
        services.attendance_save(
            actor=lead,
            meeting=meeting,
            rows=[
                {
                    "membership": m,
                    "status": "present" if (index + i) % 5 else "absent",
                    "role": "",
                    "refreshments": True,
                    "bus_fare": Decimal("5.80") if i % 3 == 0 else None,
                    "bus_fare_paid": i % 3 == 0 and index < len(past) - 1,
                }
                for i, m in enumerate(members)
            ],
        )
        services.minutes_save(
            actor=secretary,
            meeting=meeting,
            discussed=DISCUSSED[index % len(DISCUSSED)],
            decisions="Raati valmistelee asiasta aloitteen seuraavaan tapaamiseen.",
            agreements=[
                {
                    "what": "Kootaan jäsenten ideat yhdelle paperille",
                    "owner": "Sanna Virtanen",
                    "due_on": timezone.localtime(meeting.starts_at).date()
                    + datetime.timedelta(days=21),
                }
            ],
        )
        if index:
            services.minutes_approve(
                actor=lead, minutes=past[index - 1].minutes.get(), at_meeting=meeting
            )


def _next_packet(council, lead, today) -> None:
    """The next meeting's packet has gone (the PDFs are made by the worker) and some
    members have answered."""
    from councils.models import PacketDelivery

    upcoming = council.meetings.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
    if upcoming is None:
        return
    services.packet_send(meeting=upcoming, actor=lead)
    for number, delivery in enumerate(PacketDelivery.objects.filter(meeting=upcoming)[:5]):
        services.member_reply(delivery=delivery, reply="not_coming" if number == 4 else "coming")


def _recruitment(council, lead, social_worker, people, today) -> None:
    from feedback.models import ContactSlip

    ContactSlip.objects.get_or_create(
        name="Tuula Mäkelä",
        defaults={
            "phone": "040 765 4321",
            "interest": ContactSlip.Interest.COUNCIL,
            "unit": council.units.first(),
            "received_on": today - datetime.timedelta(days=9),
            "message": "Haluaisin kertoa kokemuksistani ajanvarauksesta.",
        },
    )
    now = timezone.now()
    earlier = services.kickoff_save(
        actor=lead,
        council=council,
        starts_at=now - datetime.timedelta(days=40),
        ends_at=now - datetime.timedelta(days=40, hours=-2),
        place="Asemakatu 12, kahvio",
        description="Mikä asiakasraati on, ketkä sitä vetävät, kahvit ja kysymykset.",
    )
    stages = [
        Candidate.Stage.INTERESTED,
        Candidate.Stage.INTERESTED,
        Candidate.Stage.INVITED,
        Candidate.Stage.ATTENDED,
        Candidate.Stage.INTERVIEWED,
        Candidate.Stage.ACCEPTED,
        Candidate.Stage.NOT_NOW,
        Candidate.Stage.DECLINED,
    ]
    sources = [
        "own_worker",
        "ad",
        "theme_afternoon",
        "kickoff",
        "own_worker",
        "kickoff",
        "ad",
        "other",
    ]
    for person, stage, source in zip(people, stages, sources, strict=False):
        candidate = services.candidate_add(
            actor=lead, council=council, client=person, source=source, referred_by=social_worker
        )
        if stage in (
            Candidate.Stage.ATTENDED,
            Candidate.Stage.INTERVIEWED,
            Candidate.Stage.ACCEPTED,
            Candidate.Stage.NOT_NOW,
        ):
            Candidate.objects.filter(pk=candidate.pk).update(
                kickoff=earlier, stage=Candidate.Stage.ATTENDED
            )
            candidate.refresh_from_db()
        if stage in (
            Candidate.Stage.INTERVIEWED,
            Candidate.Stage.ACCEPTED,
            Candidate.Stage.NOT_NOW,
        ):
            services.interview_save(
                actor=lead,
                candidate=candidate,
                interviewers=[lead, social_worker],
                held_on=today - datetime.timedelta(days=30),
                life_situation="Asuu yksin, etsii mielekästä tekemistä.",
                service_experience="Ajanvaraus puhelimessa on ollut vaikeaa.",
                interests="Haluaa, että päätökset kirjoitetaan selkeämmin.",
                topics="Päätösten selkokielisyys\nAjanvaraus ilman jonottamista",
                feasibility="Voi osallistua."
                if stage != Candidate.Stage.NOT_NOW
                else "Ei juuri nyt.",
            )
        if stage in (Candidate.Stage.ACCEPTED, Candidate.Stage.NOT_NOW, Candidate.Stage.DECLINED):
            services.candidate_set_stage(
                actor=lead,
                candidate=candidate,
                stage=stage,
                note="Palataan asiaan keväällä." if stage == Candidate.Stage.NOT_NOW else "",
            )
        elif stage == Candidate.Stage.INVITED:
            upcoming = services.kickoff_save(
                actor=lead,
                council=council,
                starts_at=now + datetime.timedelta(days=12),
                ends_at=now + datetime.timedelta(days=12, hours=2),
                place="Asemakatu 12, kahvio",
                description="Kevään aloitustilaisuus.",
            )
            services.kickoff_invite(actor=lead, kickoff=upcoming, candidates=[candidate])
        earlier.forms_returned = 4
        earlier.save(update_fields=["forms_returned"])


def _proposals(council, lead, manager, today) -> None:
    past = list(council.meetings.filter(starts_at__lt=timezone.now()).order_by("starts_at"))

    def proposal(title, **data):
        return services.proposal_create(
            actor=lead,
            council=council,
            title=title,
            text=f"Asiakasraati ehdottaa: {title.lower()}.",
            meeting=past[-2] if len(past) > 1 else None,
            **data,
        )

    to_manager = {"recipient_kind": Proposal.Recipient.MANAGER, "recipient_user": manager}
    proposal("Lomakkeiden täyttöapu aulassa", **to_manager)  # a draft
    waiting = proposal("Ajanvaraukseton neuvonta joka tiistai", **to_manager)
    services.proposal_send(actor=lead, proposal=waiting)
    overdue = proposal("Selkokieliset päätökset", **to_manager)
    services.proposal_send(actor=lead, proposal=overdue)
    Proposal.objects.filter(pk=overdue.pk).update(
        deadline=today - datetime.timedelta(days=5),
        sent_at=timezone.now() - datetime.timedelta(days=35),
    )
    answered = proposal("Odotustilaan lehtiä ja vettä", **to_manager)
    services.proposal_send(actor=lead, proposal=answered)
    services.proposal_answer(
        actor=manager, proposal=answered, text="Hyvä ehdotus: lehdet ja vesiautomaatti tilataan."
    )
    outside = proposal(
        "Kannanotto iltavastaanotosta",
        kind="statement",
        recipient_kind=Proposal.Recipient.DECISION_MAKER,
        recipient_name="Sosiaali- ja terveyslautakunta",
        recipient_email="lautakunta@example.org",
    )
    services.proposal_send(actor=lead, proposal=outside)
    services.proposal_answer_outside(
        proposal=outside,
        text="Lautakunta käsittelee iltavastaanottoa talousarvion yhteydessä.",
        by_name="Lautakunnan puheenjohtaja",
    )
    closed = proposal("Huoneentaulu kaikkiin vastaanottohuoneisiin", **to_manager)
    services.proposal_send(actor=lead, proposal=closed)
    services.proposal_answer(actor=manager, proposal=closed, text="Taulut tulostetaan.")
    services.proposal_report(actor=lead, proposal=closed, meeting=past[-1])
    services.proposal_outcome(
        actor=lead,
        proposal=closed,
        outcome="partly",
        reason="Taulut ovat Koivulassa; Rantakylään ne tulevat remontin jälkeen.",
    )


def _developer_group(unit, lead, social_worker, people, today) -> None:
    group = services.council_create(
        actor=lead,
        units=[unit],
        leaders=[(lead, MeetingRole.CHAIR), (social_worker, MeetingRole.SECRETARY)],
        kind=Council.Kind.DEVELOPER_CLIENT,
        name=GROUP,
        purpose="Kuusi tapaamista: aikuissosiaalityön ongelmakohdat ja ratkaisut asiakkaiden "
        "silmin.",
        is_closed=True,
        target_size=8,
        responsible=lead,
        cadence=Council.Cadence.WEEKLY,
        first_meeting_on=today - datetime.timedelta(days=15),
        start_time=datetime.time(10),
        meeting_minutes=180,
        meeting_count=6,
        place="Asemakatu 12, ryhmätila",
    )
    services.council_set_status(actor=lead, council=group, status=Council.Status.ACTIVE)
    members = [services.member_add(actor=lead, council=group, client=p) for p in people]
    for meeting in group.meetings.filter(starts_at__lt=timezone.now()):
        services.attendance_save(
            actor=lead,
            meeting=meeting,
            rows=[{"membership": m, "status": "present", "refreshments": True} for m in members],
        )
