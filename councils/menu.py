"""What councils adds to the main menu and the start page."""

from django.utils.translation import gettext_lazy as _

from councils import selectors
from councils.permissions import can_open_councils
from socialwork.core.navigation import MenuEntry, register_menu_entry, register_start_card

register_menu_entry(
    MenuEntry(
        key="councils",
        label=_("Client councils"),
        url_name="councils:home",
        allowed=can_open_councils,
        order=30,
        prefixes=("councils:",),
    )
)


@register_start_card("councils", order=30)
def proposals_to_answer_card(user):
    """A manager's tasks: the councils' proposals waiting for their answer, by deadline."""
    waiting = selectors.proposals_to_answer(user)
    if not waiting:
        return None
    return "councils/start/to_answer.html", {"to_answer": waiting}
