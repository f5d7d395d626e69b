import factory
from django.utils import timezone

from socialwork.people.models import (
    Client,
    Consent,
    Language,
    PartnerOrganisation,
    RoleAssignment,
    Unit,
    User,
)

PASSWORD = "correct-horse-battery-staple"


def _client_surnames() -> list[str]:
    """Finnish-looking surnames that the fake staff never have (Faker's list is theirs), so
    that a test saying a client's name is not on a page cannot meet a colleague's."""
    from faker.providers.person.fi_FI import Provider

    staff = set(Provider.last_names)
    firsts = ["Kivi", "Oksa", "Tammi", "Koivu", "Paju", "Lehti", "Kallio", "Mänty", "Vaahtera"]
    lasts = ["harju", "ranta", "niemi", "lahti", "mäki", "vaara", "koski", "saari", "nummi"]
    return [f"{a}{b}" for a in firsts for b in lasts if f"{a}{b}" not in staff]


CLIENT_SURNAMES = _client_surnames()


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Sosiaaliasema {n}")
    postal_code = "33100"
    post_office = "Koivula"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = "counsellor"
    unit = factory.SubFactory(UnitFactory)


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Yhdistys {n} ry")
    kind = PartnerOrganisation.Kind.ASSOCIATION


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Iterator(CLIENT_SURNAMES)
    phone = factory.Sequence(lambda n: f"+35841395{n % 10000:04d}")
    preferred_language = Language.FINNISH
    unit = factory.SubFactory(UnitFactory)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    client = factory.SubFactory(ClientFactory)
    kind = Consent.Kind.SMS
    given_at = factory.LazyFunction(timezone.now)
    recorded_by = factory.SubFactory(UserFactory)
