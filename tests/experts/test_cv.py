"""Experts' CVs as the coordinator makes them with the expert: a draft, the expert's
approval (when and how), publication to the roster; a change is a new version that the
expert approves again while the published one stays on the roster. Each test sets its own
"now"."""

from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from experts import permissions, selectors, services
from experts.filters import RosterFilter
from experts.models import CV, Expert
from socialwork.core.schedules import HELSINKI
from tests.factories import ClientFactory

NOW = datetime(2027, 4, 6, 10, tzinfo=HELSINKI)


def expert(world, **cv):
    person = ClientFactory(unit=world.unit, first_name="Pirjo", last_name="Lehtonen")
    made = services.expert_create(
        actor=world.expert_coordinator,
        client=person,
        status=Expert.Status.ACTIVE,
        life_situation="Ei iltoja, lapsenlapsi hoidossa tiistaisin.",
    )
    services.cv_save(
        actor=world.expert_coordinator,
        expert=made,
        name="Pirjo L.",
        born_year=1968,
        training_year=2024,
        motto="Kukaan ei ole yksin.",
        story="Olin pitkään työtön ja velkaantunut.",
        experience={"debt_counselling": "Velkajärjestely 2019.", "employment": "Työkokeilu"},
        languages=["fi", "sv"],
        assignment_types=["talk", "client_meeting"],
        **cv,
    )
    return made


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_cv_reaches_the_roster_only_when_the_expert_has_approved_it(world):
    made = expert(world)
    draft = made.cvs.get()
    assert draft.status == CV.Status.DRAFT and list(selectors.roster()) == []
    with pytest.raises(ValidationError):
        services.cv_publish(actor=world.expert_coordinator, cv=draft)
    services.cv_approve(actor=world.expert_coordinator, cv=draft, how="in_person")
    services.cv_publish(actor=world.expert_coordinator, cv=draft)
    draft.refresh_from_db()
    assert (draft.status, draft.approved_how, draft.approved_at) == (
        CV.Status.PUBLISHED,
        "in_person",
        NOW,
    )
    assert list(selectors.roster()) == [draft]
    assert draft.areas == ["employment", "debt_counselling"]
    labels = [label for label, _text in draft.experience_rows("fi")]
    assert labels[0] == "Aikuissosiaalityö:" and labels[-1] == "Muuta:" and len(labels) == 9


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_change_is_a_new_version_and_the_published_one_stays_until_it_is_approved(world):
    made = expert(world)
    first = made.cvs.get()
    services.cv_approve(actor=world.expert_coordinator, cv=first, how="phone")
    services.cv_publish(actor=world.expert_coordinator, cv=first)
    second = services.cv_save(actor=world.expert_coordinator, expert=made, motto="Toivoa on aina.")
    assert second.version == 2 and second.status == CV.Status.DRAFT
    # The new version starts from the published words.
    assert second.story == "Olin pitkään työtön ja velkaantunut."
    assert [cv.motto for cv in selectors.roster()] == ["Kukaan ei ole yksin."]
    services.cv_approve(actor=world.expert_coordinator, cv=second, how="email")
    # A change after the approval asks for it again.
    services.cv_save(actor=world.expert_coordinator, expert=made, motto="Toivoa on.")
    second.refresh_from_db()
    assert second.status == CV.Status.SUPERSEDED
    third = made.cvs.get(status=CV.Status.DRAFT)
    services.cv_approve(actor=world.expert_coordinator, cv=third, how="email")
    services.cv_publish(actor=world.expert_coordinator, cv=third)
    first.refresh_from_db()
    assert first.status == CV.Status.SUPERSEDED
    assert [cv.motto for cv in selectors.roster()] == ["Toivoa on."]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_roster_is_searched_by_experience_assignment_language_and_availability(world):
    made = expert(world)
    cv = made.cvs.get()
    services.cv_approve(actor=world.expert_coordinator, cv=cv, how="in_person")
    services.cv_publish(actor=world.expert_coordinator, cv=cv)

    def found(**query):
        return list(RosterFilter(query, queryset=selectors.roster()).qs)

    assert found(area="debt_counselling") == [cv]
    assert found(area="child_protection") == []
    assert found(assignment="client_meeting") == [cv] and found(assignment="drama") == []
    assert found(language="sv") == [cv] and found(language="en") == []
    assert found(q="velkaantunut") == [cv]
    services.expert_set_status(actor=world.expert_coordinator, expert=made, status="resting")
    assert found(available="true") == [] and found() == [cv]
    services.expert_set_status(actor=world.expert_coordinator, expert=made, status="ended")
    assert found() == []


@pytest.mark.django_db
def test_the_private_file_is_the_coordinators_alone(world):
    for persona in ("counsellor", "social_worker", "supervisor", "management", "administrator"):
        assert not permissions.can_read_private_file(world.persona(persona)), persona
    assert permissions.can_read_private_file(world.expert_coordinator)
    # Every client worker reads the roster.
    assert permissions.can_read_roster(world.counsellor)
    assert not permissions.can_read_roster(world.management)
