"""The instruments of the source material, word for word (domain guide §3.1-3.3).

Finnish and Swedish are verbatim where the source has them; `translated` on a version names
the languages written for this product (English always, Swedish for the survey items, which
the source gives only in Finnish). The face scales are stored as ordinals with 1 the saddest
face; the card shows them in the source's order, happy first (§3.2).

Plain data and one function, run after every migrate (see apps.py).
"""


def t(fi: str, sv: str, en: str) -> dict:
    return {"fi": fi, "sv": sv, "en": en}


FACES3 = {
    "3": t("Hyvä", "Bra", "Good"),
    "2": t("Ei hyvä eikä huono", "Varken bra eller dålig", "Neither good nor bad"),
    "1": t("Huono", "Dålig", "Bad"),
}
FACES5 = {
    "5": t("Erittäin hyvä", "Mycket bra", "Very good"),
    "4": t("Hyvä", "Bra", "Good"),
    "3": t("Ei hyvä eikä huono", "Varken bra eller dålig", "Neither good nor bad"),
    "2": t("Huono", "Dålig", "Bad"),
    "1": t("Erittäin huono", "Mycket dålig", "Very bad"),
}
# Finnish verbatim (002:132); Swedish and English translated for this product.
AGREE5 = {
    "1": t("Täysin eri mieltä", "Helt av annan åsikt", "Completely disagree"),
    "2": t("Osittain eri mieltä", "Delvis av annan åsikt", "Partly disagree"),
    "3": t(
        "Ei samaa eikä eri mieltä",
        "Varken av samma eller annan åsikt",
        "Neither agree nor disagree",
    ),
    "4": t("Osittain samaa mieltä", "Delvis av samma åsikt", "Partly agree"),
    "5": t("Täysin samaa mieltä", "Helt av samma åsikt", "Completely agree"),
}

CARD_Q1 = t(
    "Vastasiko tämä tapaaminen odotuksiasi?",
    "Motsvarade denna träff dina förväntningar?",
    "Did this meeting meet your expectations?",
)
CARD_Q2 = t(
    "Mitä mieltä olit tapaamisesta?",
    "Vad tyckte du om träffen?",
    "What did you think of the meeting?",
)
CARD_Q3 = t(
    "Mitä toivoisit jatkossa asiakastyöltä?",
    "Vilka önskemål har du som klient för den fortsatta kontakten med socialvården?",
    "What would you wish from client work in future?",
)


def _item(
    code,
    order,
    scale,
    text,
    *,
    number="",
    section="",
    section_title=None,
    options=None,
    paper_note=None,
):
    return {
        "code": code,
        "paper_note": paper_note or {},
        "order": order,
        "scale": scale,
        "text": text,
        "number": number,
        "section": section,
        "section_title": section_title or {},
        "options": options or [],
    }


CARD = {
    "code": "card",
    "kind": "card",
    "name": t("Asiakaspalaute", "Klientrespons", "Client feedback"),
    "version": {
        "intro": {},
        "translated": ["en"],
        "source": "002:74-85, SV 002:5173-5187",
        "scale_labels": {"faces3": FACES3},
        "items": [
            _item("q1", 1, "faces3", CARD_Q1, number="1."),
            _item("q2", 2, "faces3", CARD_Q2, number="2."),
            _item("q3", 3, "text", CARD_Q3, number="3."),
        ],
    },
}

ORAL = {
    "code": "oral",
    "kind": "oral",
    "name": t("Suullinen asiakaspalaute", "Muntlig klientrespons", "Oral client feedback"),
    "version": {
        "intro": t(
            "Päivittäin tapaamisen päätteeksi työntekijä pyytää suoraa palautetta kohtaamisesta "
            "oman työn kehittämiseksi.",
            "Dagligen efter varje träff ber socialarbetaren om direkt respons på träffen för att "
            "utvecklas i det egna arbetet.",
            "Daily, at the end of a meeting, the worker asks for direct feedback on the "
            "encounter in order to develop their own work.",
        ),
        "translated": ["en"],
        "source": "002:47-60, SV 002:5224-5239",
        "scale_labels": {"faces3": FACES3},
        "items": [
            _item("q1", 1, "faces3", CARD_Q1, number="1."),
            _item("q2", 2, "faces3", CARD_Q2, number="2."),
            _item("q3", 3, "text", CARD_Q3, number="3."),
        ],
    },
}

# The source asks for micro-feedback on "tapaamisen hyödyllisyydestä" (001:701-703) and gives
# no wording: this question is the product's own, in every language.
USEFULNESS = {
    "code": "usefulness",
    "kind": "usefulness",
    "name": t("Mikropalaute", "Mikrorespons", "Micro-feedback"),
    "version": {
        "intro": {},
        "translated": ["fi", "sv", "en"],
        "source": "001:701-703",
        "scale_labels": {"faces5": FACES5},
        "items": [
            _item(
                "useful",
                1,
                "faces5",
                t(
                    "Oliko tästä tapaamisesta sinulle hyötyä?",
                    "Hade du nytta av denna träff?",
                    "Was this meeting useful to you?",
                ),
            ),
        ],
    },
}

_BACKGROUND = t("Taustatiedot", "Bakgrundsuppgifter", "Background information")
_ACCESS = t("Palveluiden saavutettavuus", "Tjänsternas tillgänglighet", "Accessibility of services")
_ENCOUNTER = t(
    "Kohtaaminen ja vuorovaikutus", "Träffar och växelverkan", "Encounter and interaction"
)
_QUALITY = t(
    "Palvelun laatu ja vaikuttavuus",
    "Tjänsternas kvalitet och resultat",
    "Quality and effectiveness of the service",
)
_PARTICIPATION = t("Asiakkaiden osallisuus", "Delaktighet som klient", "Client participation")
_OVERALL = t(
    "Yleisarvio palvelusta", "Allmän uppfattning om tjänsterna", "Overall rating of the service"
)
_FREE = t("Vapaa palaute", "Fritt formulerad respons", "Free feedback")


def _agree(number, code, section, title, fi, sv, en):
    return _item(
        code,
        10 + number,
        "agree5",
        t(fi, sv, en),
        number=f"{number}.",
        section=section,
        section_title=title,
    )


SURVEY = {
    "code": "survey",
    "kind": "survey",
    "name": t("Asiakastyytyväisyyskysely", "Klientnöjdhetsenkät", "Client satisfaction survey"),
    "version": {
        "intro": t(
            "Miten olet kokenut aikuissosiaalityön palvelut? Valitse sopivin vaihtoehto.",
            "Hur har du upplevt tjänsterna inom vuxensocialarbetet? "
            "Välj det alternativ som passar bäst.",
            "How have you experienced adult social work services? Choose the most suitable option.",
        ),
        "translated": ["sv", "en"],
        "source": "002:86-183, SV 002:5254-5345",
        "scale_labels": {"agree5": AGREE5, "faces5": FACES5},
        "items": [
            _item(
                "bg_gender",
                1,
                "choice",
                t("Sukupuoli", "Kön", "Gender"),
                paper_note=t("(ympyröi)", "(ringa in)", "(circle)"),
                section="background",
                section_title=_BACKGROUND,
                options=[
                    {"value": 1, "text": t("Nainen", "Kvinna", "Woman")},
                    {"value": 2, "text": t("Mies", "Man", "Man")},
                ],
            ),
            _item(
                "bg_birth_year",
                2,
                "year",
                t(
                    "Syntymävuosi (esim. 1973)",
                    "Födelseår (t.ex. 1973)",
                    "Year of birth (e.g. 1973)",
                ),
                section="background",
                section_title=_BACKGROUND,
            ),
            _item(
                "bg_client_duration",
                3,
                "short_text",
                t(
                    "Kuinka kauan olet ollut sosiaalityön asiakkaana? (esim. 1v 2 kk)",
                    "Hur länge har du varit klient inom socialarbetet? (t.ex. 1 år 2 mån)",
                    "How long have you been a social work client? (e.g. 1 yr 2 mo)",
                ),
                section="background",
                section_title=_BACKGROUND,
            ),
            _agree(
                1,
                "q1",
                "accessibility",
                _ACCESS,
                "Aukioloajat ovat riittävät ja minulle sopivat.",
                "Öppettiderna är tillräckliga och passar mig.",
                "Opening hours are sufficient and suit me.",
            ),
            _agree(
                2,
                "q2",
                "accessibility",
                _ACCESS,
                "Työntekijä on helposti tavoitettavissa.",
                "Det är lätt att nå socialarbetaren.",
                "The worker is easy to reach.",
            ),
            _agree(
                3,
                "q3",
                "accessibility",
                _ACCESS,
                "Sain vastaanottoajan riittävän nopeasti.",
                "Jag fick en mottagningstid tillräckligt snabbt.",
                "I got an appointment quickly enough.",
            ),
            _agree(
                4,
                "q4",
                "encounter",
                _ENCOUNTER,
                "Olen saanut asiallista kohtelua.",
                "Jag har blivit korrekt bemött.",
                "I have been treated appropriately.",
            ),
            _agree(
                5,
                "q5",
                "encounter",
                _ENCOUNTER,
                "Koen, että olen tullut kuulluksi.",
                "Jag upplever att jag har blivit hörd.",
                "I feel that I have been heard.",
            ),
            _agree(
                6,
                "q6",
                "quality",
                _QUALITY,
                "Olen saanut riittävästi tietoa ja neuvontaa.",
                "Jag har fått tillräckligt med information och rådgivning.",
                "I have received enough information and advice.",
            ),
            _agree(
                7,
                "q7",
                "quality",
                _QUALITY,
                "Työntekijä esitti asiat ymmärrettävällä tavalla.",
                "Socialarbetaren förklarade saker på ett begripligt sätt.",
                "The worker explained things in an understandable way.",
            ),
            _agree(
                8,
                "q8",
                "quality",
                _QUALITY,
                "Saamani palvelu on ollut asiantuntevaa.",
                "Den service jag har fått har varit sakkunnig.",
                "The service I received has been competent.",
            ),
            _agree(
                9,
                "q9",
                "quality",
                _QUALITY,
                "Olen saanut apua tilanteeseeni.",
                "Jag har fått hjälp i min situation.",
                "I have received help for my situation.",
            ),
            _agree(
                10,
                "q10",
                "quality",
                _QUALITY,
                "Työntekijällä oli riittävästi aikaa paneutua asiani käsittelyyn.",
                "Socialarbetaren hade tillräckligt med tid att sätta sig in i mitt ärende.",
                "The worker had enough time to go into my matter.",
            ),
            _agree(
                11,
                "q11",
                "participation",
                _PARTICIPATION,
                "Mielipiteeni otetaan huomioon minua/perhettäni koskevissa asioissa.",
                "Min åsikt beaktas i frågor som gäller mig/min familj.",
                "My opinion is taken into account in matters concerning me/my family.",
            ),
            _item(
                "q12",
                22,
                "faces5",
                t(
                    "Yleisarvio palvelusta.",
                    "Allmän uppfattning om tjänsterna.",
                    "Overall rating of the service.",
                ),
                number="12.",
                section="overall",
                section_title=_OVERALL,
            ),
            _item(
                "free_text",
                30,
                "text",
                t(
                    "Vapaa sana tai terveisiä työntekijöille",
                    "Fritt ord eller hälsningar till socialarbetarna",
                    "Free comments or greetings to the workers",
                ),
                paper_note=t(
                    "(voit jatkaa kääntöpuolelle)",
                    "(du kan fortsätta på baksidan)",
                    "(you can continue on the back)",
                ),
                section="free",
                section_title=_FREE,
            ),
        ],
    },
}

# The members' own feedback on their client council, collected regularly (domain guide §4.1
# step 7, "Muista palaute ja arviointi", 001:1007). The source gives no questions: these are
# the product's own, in every language, on the survey's agreement scale.
COUNCIL = {
    "code": "council",
    "kind": "council",
    "name": t(
        "Palaute asiakasraadista", "Respons om klientrådet", "Feedback on the client council"
    ),
    "version": {
        "intro": t(
            "Kerro, miten raati on toiminut. Vastaat nimettömänä: kukaan ei näe, mitä sinä "
            "vastasit, ja tulokset näytetään vain, kun vastaajia on tarpeeksi.",
            "Berätta hur rådet har fungerat. Du svarar anonymt: ingen ser vad du svarade, och "
            "resultaten visas bara när tillräckligt många har svarat.",
            "Tell us how the council has worked. You answer anonymously: nobody sees what you "
            "answered, and the results are shown only when enough people have answered.",
        ),
        "translated": ["fi", "sv", "en"],
        "source": "001:1007 (kysymykset tämän tuotteen)",
        "scale_labels": {"agree5": AGREE5},
        "items": [
            _item(
                "heard",
                1,
                "agree5",
                t(
                    "Ääneni tulee kuulluksi raadin tapaamisissa.",
                    "Min röst blir hörd på rådets möten.",
                    "My voice is heard at the council's meetings.",
                ),
                number="1.",
            ),
            _item(
                "safe",
                2,
                "agree5",
                t(
                    "Raadissa on turvallista puhua.",
                    "Det är tryggt att tala i rådet.",
                    "It is safe to speak in the council.",
                ),
                number="2.",
            ),
            _item(
                "informed",
                3,
                "agree5",
                t(
                    "Saan tapaamisista ja niiden asioista tiedon ajoissa.",
                    "Jag får information om mötena och deras ärenden i tid.",
                    "I get to know about the meetings and their topics in time.",
                ),
                number="3.",
            ),
            _item(
                "impact",
                4,
                "agree5",
                t(
                    "Raadin työllä on vaikutusta palveluihin.",
                    "Rådets arbete påverkar tjänsterna.",
                    "The council's work makes a difference to services.",
                ),
                number="4.",
            ),
            _item(
                "change",
                5,
                "text",
                t(
                    "Mitä raadin toiminnassa pitäisi muuttaa?",
                    "Vad borde ändras i rådets verksamhet?",
                    "What should change in how the council works?",
                ),
                number="5.",
            ),
        ],
    },
}

INSTRUMENTS = [CARD, SURVEY, ORAL, USEFULNESS, COUNCIL]


def install(apps) -> None:
    """Create each instrument's first version, unless the instrument is already there."""
    from feedback.models import item_fingerprint

    Instrument = apps.get_model("feedback", "Instrument")
    Version = apps.get_model("feedback", "InstrumentVersion")
    Item = apps.get_model("feedback", "Item")
    for spec in INSTRUMENTS:
        instrument, created = Instrument.objects.get_or_create(
            code=spec["code"], defaults={"kind": spec["kind"], "name": spec["name"]}
        )
        if not created:
            continue
        data = spec["version"]
        version = Version.objects.create(
            instrument=instrument,
            number=1,
            intro=data["intro"],
            translated=data["translated"],
            source=data["source"],
            scale_labels=data["scale_labels"],
        )
        Item.objects.bulk_create(
            Item(
                version=version,
                fingerprint=item_fingerprint(
                    item["code"], item["scale"], item["text"], item["options"]
                ),
                **item,
            )
            for item in data["items"]
        )
