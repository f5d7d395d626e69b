import factory

from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from tests.factories.people import UserFactory


class AuditEventFactory(factory.Factory):
    """A row in the audit log, written the only way rows are written (the log is append-only
    and chained)."""

    class Meta:
        model = AuditEvent

    actor = factory.SubFactory(UserFactory)
    action = AuditEvent.Action.VIEW

    @classmethod
    def _create(cls, model_class, **kwargs):
        return audit_record(**kwargs)
