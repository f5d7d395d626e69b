"""The dashboards' reads go to a read replica only when one is configured, only inside
replica_reads(), and never a write or a migration."""

import pytest
from django.db import connections

from groups.models import GroupRun
from socialwork.core import routers


def test_without_a_replica_everything_reads_the_one_database(settings):
    assert "replica" not in settings.DATABASES
    router = routers.ReplicaRouter()
    with routers.replica_reads():
        assert router.db_for_read(GroupRun) is None
        assert routers.read_alias() == "default"
        assert routers.read_connection() is connections["default"]


# The alias is only named, never connected to: Django's warning about overriding DATABASES
# is about connections that were opened with the old value.
@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_with_a_replica_only_the_dashboards_reads_go_there(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": dict(settings.DATABASES["default"])}
    router = routers.ReplicaRouter()
    assert router.db_for_read(GroupRun) is None
    with routers.replica_reads():
        assert router.db_for_read(GroupRun) == "replica"
        assert routers.read_alias() == "replica"
        assert router.db_for_write(GroupRun) is None  # writes stay on the primary
    assert routers.read_alias() == "default"
    assert router.allow_migrate("replica", "groups") is False
    assert router.allow_migrate("default", "groups") is True
