from django.db.models import Q

from socialwork.people import permissions, selectors
from tests.factories import ClientFactory


def visible(user):
    return set(selectors.client_list_for_user(user))


def test_counsellor_sees_only_clients_of_their_own_work(world):
    own = world.client
    created = ClientFactory(unit=world.unit, created_by=world.counsellor)
    same_unit_stranger = ClientFactory(unit=world.unit, named_worker=world.social_worker)
    assert visible(world.counsellor) == {own, created}
    assert not permissions.can_view_client(world.counsellor, same_unit_stranger)
    assert not permissions.can_view_client(world.counsellor, world.other_client)


def test_supervisor_sees_their_units_and_cannot_edit(world):
    assert visible(world.supervisor) == {world.client}
    assert permissions.can_view_client(world.supervisor, world.client)
    assert not permissions.can_change_client(world.supervisor, world.client)
    assert permissions.can_delete_client(world.supervisor, world.client)
    assert not permissions.can_delete_client(world.supervisor, world.other_client)


def test_administrator_and_coordinator_read_no_client_data(world):
    assert visible(world.administrator) == set()
    assert visible(world.expert_coordinator) == set()
    assert not permissions.can_list_clients(world.administrator)


def test_inactive_staff_see_nothing(world):
    world.counsellor.is_active = False
    world.counsellor.save()
    world.counsellor.refresh_from_db()
    assert visible(world.counsellor) == set()


def test_later_apps_can_add_client_connections(world):
    # Stands in for a group the social worker facilitates with this client in it.
    def facilitates(user):
        return Q(pk=world.client.pk) if user == world.social_worker else Q(pk__in=[])

    permissions.register_client_connection(facilitates)
    try:
        assert world.client in visible(world.social_worker)
        assert permissions.can_change_client(world.social_worker, world.client)
    finally:
        permissions._client_connections.remove(facilitates)
