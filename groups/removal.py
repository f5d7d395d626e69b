"""A removed client's part in groups, for people's removal (people.removal): the
confirmation page's line comes from the selectors, the anonymising from the services."""

from groups import selectors, services
from socialwork.people.removal import register_client_removal

register_client_removal(
    describe=selectors.client_removal_lines, remove=services.client_participations_anonymise
)
