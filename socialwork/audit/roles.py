"""The application's database role, apart from the tables' owner.

The owner runs migrations (docker-compose's `migrate` service). The application (web,
worker, beat) connects as DATABASE_APP_ROLE, which may read and write the product's tables
but may only read and add to the audit log: it cannot change or delete an event (the
append-only trigger), nor TRUNCATE the table, disable its triggers or write the chain's
head (only an owner may). Without DATABASE_APP_ROLE (development, the test suite) one role
does everything and this does nothing.
"""

from django.conf import settings
from django.db import connections

AUDIT_TABLES = ("audit_auditevent", "audit_auditchainhead")


def grant_application_role(sender=None, using: str = "default", **kwargs) -> None:
    role = settings.SOCIALWORK_DATABASE_APP_ROLE
    if not role:
        return
    connection = connections[using]
    name = connection.ops.quote_name(role)
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {name}")
        cursor.execute(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}"
        )
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {name}")
        tables = ", ".join(AUDIT_TABLES)
        cursor.execute(f"REVOKE ALL ON {tables} FROM {name}")
        cursor.execute(f"GRANT SELECT, INSERT ON audit_auditevent TO {name}")
        cursor.execute(f"GRANT SELECT ON audit_auditchainhead TO {name}")
