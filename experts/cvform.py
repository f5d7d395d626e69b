"""The seed's CV form "Kokemusasiantuntijan CV" (002:1555-1589, domain guide §3.8) as data.

The Finnish labels are the seed's, verbatim. The seed has no Swedish or English version:
those are this product's translations, and the CV page says so. One standard for every CV,
so that they are easy to compare (002:1495-1497).
"""

TRANSLATED = ("sv", "en")

TITLE = {
    "fi": "Kokemusasiantuntijan CV",
    "sv": "Erfarenhetsexpertens CV",
    "en": "Experience expert's CV",
}
DETAILS = {
    "fi": "Kokemusasiantuntijan tiedot",
    "sv": "Erfarenhetsexpertens uppgifter",
    "en": "The experience expert's details",
}
EXPERIENCE = {
    "fi": "Kokemukseni palveluista",
    "sv": "Mina erfarenheter av tjänster",
    "en": "My experience of services",
}
# The left column: the CV's own fields, in the form's order.
FIELDS = {
    "name": {"fi": "Nimi:", "sv": "Namn:", "en": "Name:"},
    "born_year": {"fi": "Syntynyt vuonna:", "sv": "Född år:", "en": "Born in:"},
    "training_year": {
        "fi": "Suoritettu kokemusasiantuntijakoulutus vuonna:",
        "sv": "Utbildning till erfarenhetsexpert avlagd år:",
        "en": "Experience-expert training completed in:",
    },
    "background": {
        "fi": "Taustani kokemusasiantuntijana:",
        "sv": "Min bakgrund som erfarenhetsexpert:",
        "en": "My background as an experience expert:",
    },
    "motto": {"fi": "Mottoni:", "sv": "Mitt motto:", "en": "My motto:"},
    "story": {
        "fi": "Millainen minun tarinani on?",
        "sv": "Hurdan är min berättelse?",
        "en": "What is my story like?",
    },
}
# The right column: the nine areas of "Kokemukseni palveluista", by a stable code.
AREAS = {
    "adult_social_work": {
        "fi": "Aikuissosiaalityö:",
        "sv": "Socialt arbete för vuxna:",
        "en": "Adult social work:",
    },
    "social_assistance": {
        "fi": "Toimeentulotuki:",
        "sv": "Utkomststöd:",
        "en": "Social assistance:",
    },
    "child_protection": {"fi": "Lastensuojelu:", "sv": "Barnskydd:", "en": "Child protection:"},
    "substance_abuse": {
        "fi": "Päihdepalvelut:",
        "sv": "Missbrukartjänster:",
        "en": "Substance-abuse services:",
    },
    "employment": {
        "fi": "Työllistämisen palvelut:",
        "sv": "Sysselsättningstjänster:",
        "en": "Employment services:",
    },
    "mental_health": {
        "fi": "Mielenterveyspalvelut:",
        "sv": "Mentalvårdstjänster:",
        "en": "Mental-health services:",
    },
    "debt_counselling": {
        "fi": "Talous- ja velkaneuvonta:",
        "sv": "Ekonomi- och skuldrådgivning:",
        "en": "Financial and debt counselling:",
    },
    "peer_groups": {
        "fi": "Yhdistystoiminta/vertaisryhmät:",
        "sv": "Föreningsverksamhet/kamratgrupper:",
        "en": "Association activity / peer groups:",
    },
    "other": {"fi": "Muuta:", "sv": "Övrigt:", "en": "Other:"},
}


def label(labels: dict, language: str) -> str:
    return labels.get(language) or labels["fi"]


def area_label(code: str, language: str) -> str:
    """The area's name without the form's colon, for lists and search."""
    return label(AREAS[code], language).rstrip(":")


def form_context(cv) -> dict:
    """What the CV's page, the expert's own page and the folder PDF show: the form in the
    CV's own language."""
    language = cv.language
    return {
        "cv": cv,
        "title": label(TITLE, language),
        "details_heading": label(DETAILS, language),
        "experience_heading": label(EXPERIENCE, language),
        "fields": [
            (label(FIELDS[name], language), getattr(cv, name))
            for name in ("name", "born_year", "training_year", "background", "motto")
        ],
        "story_label": label(FIELDS["story"], language),
        "experience": cv.experience_rows(language),
        "translated": language in TRANSLATED,
    }
