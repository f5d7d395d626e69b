"""The themes a social report can be tagged with, to start from: administrators keep the
list in the admin (domain guide §3.20: housing, livelihood, services' gaps ...)."""

from django.db import migrations

THEMES = [
    ("Asuminen", "Boende", "Housing"),
    ("Toimeentulo ja velat", "Utkomst och skulder", "Livelihood and debt"),
    ("Mielenterveys", "Mental hälsa", "Mental health"),
    ("Päihteet ja riippuvuudet", "Rusmedel och beroenden", "Substance use and addictions"),
    ("Työ ja koulutus", "Arbete och utbildning", "Work and education"),
    ("Yksinäisyys ja osallisuus", "Ensamhet och delaktighet", "Loneliness and participation"),
    ("Palvelujen saavutettavuus", "Tjänsternas tillgänglighet", "Access to services"),
    ("Digitaaliset palvelut", "Digitala tjänster", "Digital services"),
    ("Perheet ja lapset", "Familjer och barn", "Families and children"),
    ("Nuoret aikuiset", "Unga vuxna", "Young adults"),
    ("Liikkuminen ja asiointi", "Transport och ärenden", "Getting around and running errands"),
    (
        "Palvelujen aukot ja resurssit",
        "Luckor i tjänsterna och resurser",
        "Service gaps and resources",
    ),
]


def add(apps, schema_editor):
    Theme = apps.get_model("participation", "Theme")
    for order, (fi, sv, en) in enumerate(THEMES):
        Theme.objects.get_or_create(
            name_fi=fi, defaults={"name_sv": sv, "name_en": en, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
