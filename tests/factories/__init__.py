from tests.factories.people import (
    ClientFactory,
    ConsentFactory,
    PartnerOrganisationFactory,
    RoleAssignmentFactory,
    UnitFactory,
    UserFactory,
)

__all__ = [
    "ClientFactory",
    "ConsentFactory",
    "PartnerOrganisationFactory",
    "RoleAssignmentFactory",
    "UnitFactory",
    "UserFactory",
]
