import factory

from socialwork.links.models import SecretLink
from socialwork.links.services import link_issue


class SecretLinkFactory(factory.Factory):
    """A link made by the real mechanism, so that its token opens it (link.token)."""

    class Meta:
        model = SecretLink

    purpose = "survey"
    valid_for = None
    single_use = False

    @classmethod
    def _create(cls, model_class, **kwargs):
        return link_issue(**kwargs)
