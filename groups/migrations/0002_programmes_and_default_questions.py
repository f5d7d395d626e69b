"""The programme templates described in the sources, with their real figures (domain guide
§2.A), and a default question set for the evaluation after every session.

Where a source gives no figure (Gruppis has no fixed length, Solmut auki no size) a
reasonable default is used and said so in `source`; municipalities adjust them in the
admin. Existing rows are left as they are, so the migration is safe to re-run."""

from django.db import migrations

DEFAULT_SET = "Istunnon arviointi (oletus)"
QUESTIONS = [
    (
        "faces_3",
        True,
        "Millainen tämä tapaaminen oli sinulle?",
        "Hur var den här träffen för dig?",
        "How was this session for you?",
    ),
    (
        "scale_5",
        True,
        "Kuinka paljon pääsit tänään eteenpäin kohti omaa tavoitettasi? "
        "(1 = en yhtään, 5 = paljon)",
        "Hur mycket kom du i dag närmare ditt eget mål? (1 = inte alls, 5 = mycket)",
        "How much did you move toward your own goal today? (1 = not at all, 5 = a lot)",
    ),
    (
        "text",
        False,
        "Haluatko sanoa vielä jotain?",
        "Vill du säga något mer?",
        "Is there anything else you would like to say?",
    ),
]

PROGRAMMES = [
    {
        "name": "Gruppis",
        "purpose": "Arjenhallinnan harjoittelua nuorille aikuisille pienryhmässä: päivärytmi, "
        "pyykinpesu, ruoanlaitto, raha-asiat.",
        "target_group": "Nuoret aikuiset",
        "cadence": "weekly",
        "start_time": "10:00",
        "session_minutes": 240,
        "session_count": 12,
        "min_size": 4,
        "max_size": 5,
        "min_facilitators": 2,
        "typical_contents": "Kuulumisten kierros, yhteinen kauppareissu, ruoanlaitto, ateria ja "
        "kahvit. Retkiä, pelejä, keskustelua ja elämänkokemusten jakamista.",
        "service_basis": "social_rehabilitation",
        "incentives": ["meals"],
        "source": "Huittinen, PRO SOS Toimivat käytännöt (001:50-140). Kesto ei ole kiinteä: "
        "12 kertaa on oletus.",
    },
    {
        "name": "Sisu",
        "purpose": "Sosiaalisen kuntoutuksen ryhmä asiakkaille, jotka eivät elämäntilanteensa "
        "vuoksi hyötyneet työllisyyspalveluista.",
        "target_group": "Aikuissosiaalityön asiakkaat",
        "cadence": "weekly",
        "start_time": "10:00",
        "session_minutes": 240,
        "session_count": 12,
        "min_size": 8,
        "max_size": 12,
        "min_facilitators": 2,
        "typical_contents": "Suunniteltu asiakkaiden kanssa: yhteinen ruoanlaitto, sauna, "
        "keilailu, kalastus, elokuvat. Keskusteluteemat: päihteet, raha ja velat, "
        "sosiaaliset suhteet. Vierailijoina päihdetyöntekijä ja talous- ja velkaneuvoja.",
        "service_basis": "social_rehabilitation",
        "incentives": ["bus_tickets"],
        "source": "Lempäälä, PRO SOS Toimivat käytännöt (001:418-483): 3 kuukautta, kerran "
        "viikossa 4 tuntia; 12 aloitti, 8 jatkoi loppuun.",
    },
    {
        "name": "Solmut auki",
        "purpose": "Sosiaalisen kuntoutuksen ryhmä 30-49-vuotiaille, joilla on vähän "
        "sosiaalisia kontakteja ja kokemuksia yksinäisyydestä.",
        "target_group": "30-49-vuotiaat pitkäaikaiset aikuissosiaalityön asiakkaat",
        "cadence": "weekly",
        "start_time": "12:00",
        "session_minutes": 150,
        "session_count": 8,
        "min_size": 4,
        "max_size": 8,
        "min_facilitators": 2,
        "typical_contents": "Itsetunto, raha-asiat, palvelut, arjen haasteet, ravitsemus ja "
        "terveys, omat lähtökohdat ja voimavarat. Rentoutushetki lopuksi. Vierailijoina "
        "diabeteshoitaja, velkaneuvoja ja hammashoitaja.",
        "service_basis": "social_rehabilitation",
        "incentives": ["activity_allowance", "bus_tickets"],
        "source": "Nokia, PRO SOS Toimivat käytännöt (001:513-601): 8 viikkoa, kerran viikossa "
        "2,5 tuntia; muistutus tekstiviestillä edellisenä päivänä. Koko ei ole lähteessä.",
    },
    {
        "name": "Fyrkkaa & fiilistä",
        "purpose": "Nuorten aikuisten raha-asioiden hallinnan kurssi viitenä peräkkäisenä päivänä.",
        "target_group": "Alle 30-vuotiaat",
        "cadence": "consecutive_days",
        "start_time": "10:00",
        "session_minutes": 300,
        "session_count": 5,
        "min_size": 7,
        "max_size": 12,
        "min_facilitators": 2,
        "typical_contents": "Tietoa toimeentulotuesta, pikavipeistä, veloista, ulosotosta ja "
        "säästövinkeistä. Oma budjetti, edullinen kotiruoka, kokemusasiantuntijan tapaaminen, "
        "unelmat ja tulevaisuus. Jälkeenpäin tsemppikokoontuminen.",
        "service_basis": "social_rehabilitation",
        "incentives": ["meals", "bus_tickets"],
        "source": "Tampere, PRO SOS Toimivat käytännöt (001:1137-1199): viisi peräkkäistä "
        "päivää klo 10-15, neljä kertaa vuodessa; aamupala, lounas, bussiliput ja leffalippu.",
    },
    {
        "name": "Ylöjärven sosiaalisen kuntoutuksen ryhmä",
        "purpose": "Matalan kynnyksen sosiaalisen kuntoutuksen ryhmä: tietoa palveluista, "
        "vierailuja ja yhdessäoloa.",
        "target_group": "30-70-vuotiaat aikuissosiaalityön asiakkaat",
        "cadence": "twice_a_month",
        "start_time": "09:00",
        "session_minutes": 240,
        "session_count": 6,
        "min_size": 4,
        "max_size": 10,
        "min_facilitators": 2,
        "typical_contents": "Pelisäännöt sovitaan alussa. Esittelyjä ja vierailuja: liikunta-"
        "palvelut, ulosotto, edunvalvonta, mielenterveys- ja päihdepalvelut, velkaneuvonta, "
        "kirjasto, ravitsemusterapeutti. Rentoutus osana päivää. Aamukahvi ja lounas.",
        "service_basis": "social_rehabilitation",
        "incentives": ["meals", "activity_allowance"],
        "source": "Ylöjärvi, PRO SOS Toimivat käytännöt (001:1200-1282): noin kaksi kertaa "
        "kuukaudessa 4 tuntia 3 kuukauden ajan; 10 ilmoittautunutta, 4-7 paikalla.",
    },
]


def forward(apps, schema_editor):
    QuestionSet = apps.get_model("groups", "EvaluationQuestionSet")
    Question = apps.get_model("groups", "EvaluationQuestion")
    Programme = apps.get_model("groups", "Programme")
    question_set, created = QuestionSet.objects.get_or_create(name=DEFAULT_SET)
    if created:
        for order, (kind, required, fi, sv, en) in enumerate(QUESTIONS, start=1):
            Question.objects.create(
                question_set=question_set,
                order=order,
                kind=kind,
                required=required,
                text_fi=fi,
                text_sv=sv,
                text_en=en,
            )
    for data in PROGRAMMES:
        Programme.objects.get_or_create(
            name=data["name"], defaults={**data, "question_set": question_set}
        )


class Migration(migrations.Migration):
    dependencies = [("groups", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
