"""The CV folder as a worker uses it: the roster lists published CVs only and stays flat as
it grows; a CV page is the seed's form in the CV's own language."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from experts import services
from experts.models import Expert
from socialwork.core.schedules import HELSINKI
from tests.factories import ClientFactory
from tests.utils import count_queries

NOW = datetime(2027, 4, 6, 10, tzinfo=HELSINKI)


def published(world, name, **cv):
    coordinator = world.expert_coordinator
    expert = services.expert_create(
        actor=coordinator, client=ClientFactory(unit=world.unit), status=Expert.Status.ACTIVE
    )
    made = services.cv_save(actor=coordinator, expert=expert, name=name, **cv)
    services.cv_approve(actor=coordinator, cv=made, how="in_person")
    return services.cv_publish(actor=coordinator, cv=made)


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_roster_lists_published_cvs_and_takes_the_same_queries_as_it_grows(world, login):
    published(world, "Pirjo L.", experience={"debt_counselling": "Velkajärjestely"})
    draft_only = services.expert_create(
        actor=world.expert_coordinator,
        client=ClientFactory(unit=world.unit),
        status=Expert.Status.ACTIVE,
    )
    services.cv_save(actor=world.expert_coordinator, expert=draft_only, name="Luonnos Lauri")
    client = login(world.counsellor)
    url = reverse("experts:home")
    page = client.get(url).content.decode()
    assert "Pirjo L." in page and "Talous- ja velkaneuvonta" in page
    assert "Luonnos Lauri" not in page
    few = count_queries(client, url)
    for number in range(5):
        published(world, f"Asiantuntija {number}", languages=["fi", "sv"])
    assert count_queries(client, url) == few
    found = client.get(url, {"language": "sv"}).content.decode()
    assert "Asiantuntija 4" in found and "Pirjo L." not in found
    # Bad input shows no rows and the form's message, never an error page.
    assert client.get(url, {"area": "ei-tallainen"}).status_code == 200


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_cv_page_is_the_seeds_form_in_the_cvs_own_language(world, login):
    cv = published(
        world,
        "Bertil S.",
        language="sv",
        motto="Det finns alltid hopp.",
        story="Jag var arbetslös länge.",
        experience={"employment": "Arbetsprövning 2021"},
    )
    page = login(world.social_worker).get(reverse("experts:cv_detail", args=[cv.pk]))
    text = page.content.decode()
    assert "Erfarenhetsexpertens CV" in text and "Mina erfarenheter av tjänster" in text
    assert "Sysselsättningstjänster:" in text and "Arbetsprövning 2021" in text
    assert "Hurdan är min berättelse?" in text and "Jag var arbetslös länge." in text
    fi = published(world, "Pirjo L.", story="Olin työtön.")
    text = login(world.social_worker).get(reverse("experts:cv_detail", args=[fi.pk])).text
    assert "Kokemusasiantuntijan CV" in text and "Millainen minun tarinani on?" in text
    assert "Suoritettu kokemusasiantuntijakoulutus vuonna:" in text
