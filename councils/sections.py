"""The client's councils on the client page, for the council's leaders."""

from councils import permissions, selectors
from socialwork.people.sections import register_client_section


@register_client_section
def client_councils(user, client):
    rows = [
        m for m in selectors.client_memberships(client) if permissions.is_leader(user, m.council)
    ]
    candidacies = [
        c for c in selectors.client_candidacies(client) if permissions.is_leader(user, c.council)
    ]
    if not rows and not candidacies:
        return None
    return "councils/includes/client_councils.html", {
        "memberships": rows,
        "candidacies": candidacies,
    }
