"""The developer-client group's six meetings (kehittäjäasiakasryhmä, 002:485-605) and the
interview questions of the models (002:457-469, 852-879), as data.

The Finnish is the seed's, verbatim. The seed has no Swedish version of this model: the
Swedish here is ours, and says so in the plan it fills in.
"""

from django.utils.translation import gettext_lazy as _

# Meeting number -> the plan per language (meetings 3 and 4 share theirs, as in the seed).
_MEETING_3_4 = {
    "fi": "a. Ryhmätehtävänä on keskustella aikuissosiaalityön/palvelun ongelmakohdista – mikä "
    "on ongelma, miksi se on ongelma ja mikä siihen olisi ratkaisu? Ensin mietitään ongelmat ja "
    "se, miksi tämä on ongelma. Lopuksi ongelmiin ideoidaan ratkaisuja. Ideoita voidaan jalostaa "
    "ja yhdistellä. Lopuksi valitaan toteuttamiskelpoisimmat ratkaisut ongelmiin. Tehtävä tehdään "
    "isolle paperille, ja joku ryhmäläisistä voi toimia kirjurina.",
    "sv": "a. Gruppen diskuterar problemen i vuxensocialarbetet/tjänsten – vad är problemet, "
    "varför är det ett problem och vad vore lösningen? Först funderar man på problemen och "
    "varför de är problem. Till sist tar man fram idéer till lösningar. Idéerna kan förädlas och "
    "kombineras. Till sist väljs de lösningar som bäst går att genomföra. Uppgiften görs på ett "
    "stort papper, och någon i gruppen kan vara sekreterare.",
    "en": "a. The group discusses the problem points of adult social work or the service: what "
    "is the problem, why is it a problem and what would be the solution? First the problems and "
    "why they are problems; then ideas for solutions, refined and combined; finally the most "
    "feasible solutions are chosen. Done on a large sheet; a member may act as scribe.",
}

DEVELOPER_CLIENT_PLAN = {
    1: {
        "fi": "a. Ryhmätapaaminen aloitetaan ryhmän tarkoituksen läpikäymisellä ja "
        "tutustumisella. Ryhmäläiset tekevät lehtileikkeitä hyödyntäen oman aarrekartan ja "
        "esittelevät sen avulla itsensä muille ryhmäläisille.\n"
        "b. Ryhmätapaamiselle voidaan pyytää vierailemaan kokemusasiantuntija, joka kertoo "
        "kokemusasiantuntijuudesta ja vaikuttamistyöstä.\n"
        "c. Ryhmätehtävänä on pohtia, mitä on aikuissosiaalityö (tai se palvelu, minkä "
        "arviointia varten ryhmä toteutetaan). Jokainen ryhmäläinen listaa liimalapuille omia "
        "ajatuksiaan (yksi ajatus lappua kohden). Laput kerätään yhteen ja teemoitellaan. "
        "Ryhmäläisten kanssa pohditaan yhdessä sitä, miltä palvelu näyttää asiakkaiden "
        "näkökulmasta.",
        "sv": "a. Träffen börjar med att gå igenom gruppens syfte och lära känna varandra. "
        "Deltagarna gör en egen skattkarta av tidningsurklipp och presenterar sig med den.\n"
        "b. En erfarenhetsexpert kan bjudas in att berätta om erfarenhetsexpertis och "
        "påverkansarbete.\n"
        "c. Gruppen funderar på vad vuxensocialarbete är (eller den tjänst som gruppen "
        "utvärderar). Var och en skriver sina tankar på lappar (en tanke per lapp). Lapparna "
        "samlas och ordnas i teman. Tillsammans funderar man på hur tjänsten ser ut ur "
        "klienternas synvinkel.",
        "en": "a. Go through the group's purpose and get acquainted; each member makes a "
        "treasure map from magazine clippings and uses it to introduce themselves.\n"
        "b. An experience expert may visit to talk about experience expertise and advocacy.\n"
        "c. Group task: what is adult social work (or the service being evaluated)? Each member "
        "writes thoughts on sticky notes, one per note; the notes are collected and grouped into "
        "themes; discuss how the service looks from the clients' perspective.",
    },
    2: {
        "fi": "a. Ryhmätehtävänä on arvioida aikuissosiaalityötä/palvelua SWOT -analyysilla. "
        "Tehtävä tehdään yhdessä keskustellen, ja toinen ryhmänohjaajista kirjaa analyysin "
        "fläppipaperille.\n"
        "b. Lopuksi tehdään paritehtävä, jossa mietitään sitä, keitä ovat aikuissosiaalityön "
        "asiakkaat, ja listataan näkemykset paperille. Tuotokset käydään yhdessä keskustellen "
        "läpi. Tämän jälkeen kukin pari työstää yhdestä tehdystä asiakasprofiilista kuvauksen "
        "isolle paperille. Kuvauksen tekemisessä voidaan hyödyntää lehtileikkeitä. Kuvaukset "
        "esitetään muille.",
        "sv": "a. Gruppen utvärderar vuxensocialarbetet/tjänsten med en SWOT-analys. Uppgiften "
        "görs i samtal, och den ena handledaren skriver upp analysen på blädderblock.\n"
        "b. Till sist en paruppgift: vilka är vuxensocialarbetets klienter? Synpunkterna skrivs "
        "på papper och gås igenom tillsammans. Sedan gör varje par en beskrivning av en "
        "klientprofil på ett stort papper, gärna med tidningsurklipp, och visar den för de andra.",
        "en": "a. Evaluate the service with a SWOT analysis, by discussion, with one leader "
        "recording it on flip-chart paper.\n"
        "b. Pair task: who are adult social work's clients? List views, discuss, then each pair "
        "draws up one client profile on a big sheet (with clippings) and presents it.",
    },
    3: _MEETING_3_4,
    4: _MEETING_3_4,
    5: {
        "fi": "a. Tehdään pari-/yksilötehtävä, jonka aiheena on aikuissosiaalityön/palvelun "
        "tulevaisuuden vision määrittäminen. Palvelun positiivinen skenaario ja kauhuskenaario "
        "kuvataan omalla tavalla isolle paperille. Apuna käytetään lehtileikkeitä. Visiot "
        "esitetään muille ryhmäläisille.\n"
        "b. Ryhmäläiset vastaavat lopuksi ryhmää koskevaan palautekyselyyn.",
        "sv": "a. En par- eller individuell uppgift: en framtidsvision för vuxensocialarbetet/"
        "tjänsten. Ett positivt scenario och ett skräckscenario beskrivs på eget sätt på ett "
        "stort papper, med tidningsurklipp. Visionerna presenteras för de andra.\n"
        "b. Till sist svarar deltagarna på en responsenkät om gruppen.",
        "en": "a. Pair or individual task: define a future vision of the service, a positive "
        "scenario and a horror scenario, with clippings, presented to the others.\n"
        "b. Finally members answer a feedback survey about the group.",
    },
    6: {
        "fi": "a. Ryhmäläisten kanssa suunnitellaan keskustelutilaisuus ryhmässä syntyneiden "
        "tuotosten sekä kehittämisehdotuksien esille tuomiseksi.\n"
        "b. Ryhmäläisten kanssa mietitään myös sitä, miten kehittäjäasiakastoimintaa voisi "
        "jalostaa eteenpäin.",
        "sv": "a. Tillsammans planeras ett diskussionsmöte där gruppens resultat och "
        "utvecklingsförslag presenteras.\n"
        "b. Man funderar också på hur verksamheten med utvecklarklienter kunde utvecklas vidare.",
        "en": "a. Plan the discussion event to present the group's outputs and development "
        "proposals.\n"
        "b. Consider how developer-client activity could be taken further.",
    },
}
DEVELOPER_CLIENT_MEETINGS = 6
DEVELOPER_CLIENT_MINUTES = 120

SWEDISH_NOTE = "(Översättning: modellen finns bara på finska.)"


def developer_client_plan(number: int, language: str) -> str:
    plan = DEVELOPER_CLIENT_PLAN.get(number)
    if plan is None:
        return ""
    text = plan.get(language) or plan["fi"]
    return f"{text}\n{SWEDISH_NOTE}" if language == "sv" else text


# The interview's prepared questions beside the fields they fill: the council model's
# (002:852-879) and the developer-client group's intake interview (002:457-469, verbatim in
# the Finnish translation).
INTERVIEW_QUESTIONS = {
    "council": (
        ("life_situation", _("What is the client's life situation like?")),
        (
            "service_experience",
            _("What kind of experience does the client have of social services?"),
        ),
        ("interests", _("What interests the client in developing social services?")),
        ("topics", _("Topics raised in the interview can later be taken up in the council.")),
        (
            "feasibility",
            _(
                "Is the client's own life situation such that they can take part in the "
                "council? For example, an acute substance-abuse or mental-health problem may "
                "be an obstacle."
            ),
        ),
    ),
    "developer_client": (
        ("interests", _("What interests the client in developing services?")),
        ("service_experience", _("What kinds of experiences does the client have of services?")),
        (
            "expectations",
            _("What kinds of expectations does the client have of the developer-client group?"),
        ),
    ),
}


def interview_questions(kind: str):
    return INTERVIEW_QUESTIONS.get(kind, INTERVIEW_QUESTIONS["council"])
