import datetime
from importlib import import_module

import factory
from django.utils import timezone

from groups.models import (
    Attendance,
    CalendarFeed,
    Enrolment,
    EvaluationCode,
    FinalEvaluation,
    GroupGoal,
    GroupRun,
    PersonalGoal,
    Programme,
    ThemeWish,
)
from groups.services import run_create
from socialwork.links.services import link_issue
from tests.factories.people import ClientFactory, UnitFactory, UserFactory


def ensure_programmes() -> None:
    """The programme templates come from a data migration. Tests that run against a live
    server empty the database afterwards, templates included, so put them back."""
    if Programme.objects.exists():
        return
    from django.apps import apps as django_apps

    migration = import_module("groups.migrations.0002_programmes_and_default_questions")
    migration.forward(django_apps, None)


def programme(name="Solmut auki"):
    ensure_programmes()
    return Programme.objects.get(name=name)


def make_run(*, unit, facilitators, name="Solmut auki, kevät", starts_on=None, **kwargs):
    """A run through the real service, so its sessions are generated as in the app. It
    starts twelve weeks before today unless told otherwise: some sessions held, some ahead,
    on whatever day the suite runs."""
    return run_create(
        actor=facilitators[0],
        programme=kwargs.pop("programme", None) or programme(),
        unit=unit,
        name=name,
        starts_on=starts_on or timezone.localdate() - datetime.timedelta(weeks=12),
        facilitators=facilitators,
        place=kwargs.pop("place", "Asemakatu 12, ryhmätila"),
        **kwargs,
    )


# --- Factories for the rest of groups' models -----------------------------------------------


class GroupRunFactory(factory.Factory):
    """A group through the real service (its sessions generated from the cadence)."""

    class Meta:
        model = GroupRun

    unit = factory.SubFactory(UnitFactory)
    facilitators = factory.LazyFunction(lambda: [UserFactory()])

    @classmethod
    def _create(cls, model_class, **kwargs):
        return make_run(**kwargs)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    run = factory.SubFactory(GroupRunFactory)
    client = factory.SubFactory(ClientFactory, unit=factory.SelfAttribute("..run.unit"))
    status = Enrolment.Status.INVITED
    enrolled_by = factory.LazyAttribute(lambda e: e.run.facilitators.first())


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    enrolment = factory.SubFactory(EnrolmentFactory)
    session = factory.LazyAttribute(lambda a: a.enrolment.run.sessions.first())
    status = Attendance.Status.PRESENT
    marked_by = factory.LazyAttribute(lambda a: a.enrolment.run.facilitators.first())


class GroupGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupGoal

    run = factory.SubFactory(GroupRunFactory)
    text = factory.Sequence(lambda n: f"Yhteinen tavoite {n}")


class PersonalGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonalGoal

    enrolment = factory.SubFactory(EnrolmentFactory)
    text = factory.Sequence(lambda n: f"Oma tavoite {n}")


class ThemeWishFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeWish

    run = factory.SubFactory(GroupRunFactory)
    text = factory.Sequence(lambda n: f"Toive {n}")
    recorded_by = factory.LazyAttribute(lambda w: w.run.facilitators.first())


class EvaluationCodeFactory(factory.django.DjangoModelFactory):
    """An open session code, valid for an hour (its link through the real mechanism)."""

    class Meta:
        model = EvaluationCode

    session = factory.LazyFunction(lambda: GroupRunFactory().sessions.first())
    link = factory.LazyFunction(
        lambda: link_issue(purpose="session-code", valid_for=datetime.timedelta(hours=1))
    )
    created_by = factory.LazyAttribute(lambda c: c.session.run.facilitators.first())


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeed

    user = factory.SubFactory(UserFactory)
    link = factory.LazyAttribute(lambda f: link_issue(purpose="calendar-feed", created_by=f.user))


class FinalEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinalEvaluation

    run = factory.SubFactory(GroupRunFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    goals_achieved = "Ryhmä löysi yhteisen rytmin."
    written_by = factory.LazyAttribute(lambda f: f.run.facilitators.first())
