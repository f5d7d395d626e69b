from dataclasses import dataclass, field

from django.db.models import Count

from socialwork.people.models import CLIENT_WORK_ROLES, Client, Role, Unit
from socialwork.people.permissions import has_role, is_administrator, unit_ids_with_role


@dataclass
class StartPage:
    is_client_worker: bool = False
    my_client_count: int = 0
    supervised_units: list = field(default_factory=list)
    is_expert_coordinator: bool = False
    is_administrator: bool = False
    has_no_role: bool = False


def start_page_for(user) -> StartPage:
    page = StartPage(
        is_client_worker=has_role(user, *CLIENT_WORK_ROLES),
        is_expert_coordinator=has_role(user, Role.EXPERT_COORDINATOR),
        is_administrator=is_administrator(user),
    )
    if page.is_client_worker:
        page.my_client_count = Client.objects.filter(named_worker=user).count()
    supervised = unit_ids_with_role(user, Role.SUPERVISOR)
    if supervised:
        page.supervised_units = list(
            Unit.objects.filter(pk__in=supervised)
            .annotate(client_count=Count("clients"))
            .order_by("name")
        )
    page.has_no_role = not (
        page.is_client_worker or supervised or page.is_expert_coordinator or page.is_administrator
    )
    return page
