"""Every app's models have a factory, and what it makes is a valid row (the rules the
services apply, kept by the model's validation, hold for it)."""

import pytest

from tests.factories import ClientFactory, ConsentFactory, PartnerOrganisationFactory
from tests.factories.audit import AuditEventFactory
from tests.factories.documents import DocumentFactory
from tests.factories.feedback import (
    CampaignFactory,
    ContactSlipFactory,
    KioskDeviceFactory,
    WorkerCodeFactory,
)
from tests.factories.groups import (
    AttendanceFactory,
    CalendarFeedFactory,
    EnrolmentFactory,
    EvaluationCodeFactory,
    FinalEvaluationFactory,
    GroupGoalFactory,
    PersonalGoalFactory,
    ThemeWishFactory,
)
from tests.factories.links import SecretLinkFactory
from tests.factories.messaging import LetterBatchFactory, MessageFactory
from tests.utils import visitor

pytestmark = pytest.mark.django_db

FACTORIES = [
    ClientFactory,
    ConsentFactory,
    PartnerOrganisationFactory,
    AttendanceFactory,
    CalendarFeedFactory,
    EnrolmentFactory,
    EvaluationCodeFactory,
    FinalEvaluationFactory,
    GroupGoalFactory,
    PersonalGoalFactory,
    ThemeWishFactory,
    CampaignFactory,
    ContactSlipFactory,
    KioskDeviceFactory,
    WorkerCodeFactory,
    MessageFactory,
    LetterBatchFactory,
    DocumentFactory,
    SecretLinkFactory,
    AuditEventFactory,
]


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_each_factory_makes_a_valid_row(factory):
    made = factory()
    assert made.pk is not None
    type(made).objects.get(pk=made.pk).full_clean()


def test_the_links_the_factories_make_open_what_they_are_for():
    from socialwork.links.services import link_open

    campaign = CampaignFactory()
    assert link_open(visitor(), purpose="survey", token=campaign.token).campaign == campaign
    code = EvaluationCodeFactory()
    assert link_open(visitor(), purpose="session-code", token=code.code).evaluation_code == code
