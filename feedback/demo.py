"""Demo feedback: worker colours in Koivula, this year's survey campaign with all channels,
a lobby tablet waiting for its registration link, and answers from this and last year, so
that the results page has figures to show and figures to hide."""

import datetime as dt
import random
import uuid

from django.utils import timezone

from feedback import selectors, services
from feedback.models import Campaign, Channel, Instrument, KioskDevice, Response, WorkerCode
from socialwork.people.models import Unit, User


def seed() -> None:
    if Response.objects.exists():
        return
    rng = random.Random(2026)
    unit = Unit.objects.order_by("pk").first()
    colours = [
        WorkerCode.objects.get_or_create(
            unit=unit, worker=User.objects.get(username=username), colour=colour, is_active=True
        )[0]
        for username, colour in (("ohjaaja", "blue"), ("ohjaaja2", "green"), ("sostt", "yellow"))
    ]
    card = Instrument.objects.get(code="card")
    survey = Instrument.objects.get(code="survey")
    KioskDevice.objects.get_or_create(
        name="Koivulan aula", unit=unit, instrument=card, defaults={"languages": ["fi", "sv", "en"]}
    )
    today = timezone.localdate()
    campaign = services.campaign_save(
        campaign=Campaign(
            instrument=survey,
            unit=unit,
            year=today.year,
            month=today.month,
            theme="Sähköiset palvelut",
            theme_sv="E-tjänster",
            channels=[Channel.KIOSK, Channel.WEB, Channel.PAPER],
        ),
        actor=None,
    )
    comments = [
        "Kiitos, että minua kuunneltiin.",
        "Ajan saaminen kesti liian kauan.",
        "Hyvä tapaaminen, selkeät ohjeet.",
        "",
        "",
    ]
    # This month's answers came in a few hours ago (never later than now, even on the 1st at
    # midnight); last year's early in the same month.
    now = timezone.localtime()
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    recent = max(month_start, now - dt.timedelta(hours=6)).replace(
        minute=0, second=0, microsecond=0
    )
    # Blue and green have plenty of cards, yellow only three: hidden, and one more with it.
    for code, count in ((colours[0], 14), (colours[1], 9), (colours[2], 3)):
        for _ in range(count):
            _give(
                card,
                unit,
                code,
                {
                    "q1": rng.choice([2, 3, 3]),
                    "q2": rng.choice([1, 2, 3, 3]),
                    "q3": rng.choice(comments),
                },
                channel=Channel.KIOSK,
                moment=recent,
            )
    # Earlier months of the year: blue's seven four months back, and three two months back,
    # which the dashboard hides by month (with another month, else the year less the shown
    # months would give the three back).
    for months_back, count in ((4, 7), (2, 3)):
        year, month = divmod(now.year * 12 + now.month - 1 - months_back, 12)
        moment = timezone.make_aware(dt.datetime(year, month + 1, 10, 11))
        for _ in range(count):
            _give(
                card,
                unit,
                colours[0],
                {"q1": rng.choice([2, 3, 3]), "q2": rng.choice([2, 3])},
                channel=Channel.KIOSK,
                moment=moment,
            )
    for years_back, count in ((0, 24), (1, 18)):
        moment = (
            recent
            if not years_back
            else timezone.make_aware(dt.datetime(today.year - 1, today.month, 3, 11))
        )
        for _ in range(count):
            answers = {f"q{n}": rng.choice([2, 3, 4, 4, 5]) for n in range(1, 12)}
            answers |= {
                "q12": rng.choice([3, 4, 4, 5]),
                "bg_gender": rng.choice([1, 2]),
                "bg_birth_year": rng.randint(1955, 2004),
            }
            _give(
                survey,
                unit,
                None,
                answers,
                campaign=campaign if not years_back else None,
                channel=Channel.PAPER,
                moment=moment,
            )


def _give(instrument, unit, code, answers, *, channel, moment, campaign=None):
    # Survey answers are typed in as paper forms, so that no campaign of this year claims
    # last year's before they are moved back in time.
    key = uuid.uuid4()
    services.response_record(
        key=key,
        version=selectors.version_current(instrument),
        channel=channel,
        language="fi",
        answers={k: v for k, v in answers.items() if v != ""},
        unit_id=unit.pk,
        worker_code_id=code.pk if code else None,
        campaign=campaign,
    )
    Response.objects.filter(key=key).update(submitted_hour=moment)
