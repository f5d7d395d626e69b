"""Reads for the dashboards on a read replica, when there is one (DATABASE_REPLICA_URL).

Only what a dashboard section reads inside `replica_reads()` goes there: figures of the
past a replica a few seconds behind shows just as well. Everything else, and every write,
stays on the primary: a page that has just saved something reads it back from where it
was written. Unset, there is no "replica" database and this changes nothing."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"
_reading_replica: ContextVar[bool] = ContextVar("reading_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads():
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


def read_alias() -> str:
    """The database a figure's read goes to now: the replica inside replica_reads()."""
    return REPLICA if _reading_replica.get() and replica_configured() else "default"


def read_connection():
    """The connection for a figure's raw SQL (a raw cursor does not ask the router)."""
    return connections[read_alias()]


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reading_replica.get() and replica_configured() else None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # a replica follows the primary's schema
