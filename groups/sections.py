"""The client's groups on the client page."""

from groups import permissions, selectors
from socialwork.people.sections import register_client_section


@register_client_section
def client_groups(user, client):
    enrolments = list(selectors.client_enrolments(client))
    if not enrolments:
        return None
    rows = [
        (
            enrolment,
            permissions.can_view_individual_evaluations(user, enrolment),
            permissions.is_facilitator(user, enrolment.run),
        )
        for enrolment in enrolments
    ]
    return "groups/includes/client_groups.html", {"rows": rows}
