"""The menu and the start page are filled by the apps themselves, and core imports none of
them (DESIGN.md §8: dependencies point down)."""

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

import socialwork

DOMAIN_APPS = {"groups", "feedback", "councils", "experts", "participation", "reporting"}
CORE_PACKAGES = ["core", "people", "audit", "messaging", "links", "documents"]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", CORE_PACKAGES)
def test_the_core_imports_no_domain_app(package):
    root = Path(socialwork.__file__).parent / package
    offending = {
        f"{path.relative_to(root.parent)}: {name}"
        for path in root.rglob("*.py")
        for name in imported_modules(path)
        if name.split(".")[0] in DOMAIN_APPS
    }
    assert not offending


def fi(*texts: str) -> list[str]:
    """The Finnish words of these English msgids: the pages answer in Finnish."""
    with translation.override("fi"):
        return [translation.gettext(text) for text in texts]


def menu_of(response) -> list[str]:
    return re.findall(r'<a class="nav-link[^"]*" href="[^"]*"[^>]*>([^<]+)</a>', response.text)


def test_each_role_sees_the_entries_its_apps_register_in_their_order(world, login):
    counsellor = menu_of(login(world.counsellor).get(reverse("core:home")))
    assert counsellor == fi(
        "Start",
        "Clients",
        "Groups",
        "Client councils",
        "Experience experts",
        "Social reporting",
        "Events",
        "Feedback",
        "Letters",
        "Partners",
    )
    coordinator = menu_of(login(world.expert_coordinator).get(reverse("core:home")))
    assert fi("Groups")[0] not in coordinator and fi("Experience experts")[0] in coordinator
    administrator = menu_of(login(world.administrator).get(reverse("core:home")))
    assert set(fi("Messages", "Audit log", "Administration")) <= set(administrator)
    # Running the system is no need to know how the groups are doing: no dashboards.
    assert fi("Clients")[0] not in administrator and fi("Reports")[0] not in administrator


def test_the_page_marks_the_entry_it_belongs_to(world, login):
    client = login(world.counsellor)
    for url, current in [
        (reverse("people:partner_list"), "Partners"),
        (reverse("people:client_list"), "Clients"),
        (reverse("councils:home"), "Client councils"),
        (reverse("messaging:letter_list"), "Letters"),
    ]:
        marked = re.findall(r'<a [^>]*aria-current="page"[^>]*>([^<]+)</a>', client.get(url).text)
        assert marked == fi(current), url


def start_cards(response) -> list[str]:
    return re.findall(r'<h2 class="h4" id="start-[^"]+">([^<]+)</h2>', response.text)


def test_the_start_page_shows_the_cards_of_the_staff_members_roles(world, login):
    world.client.named_worker = world.counsellor
    world.client.save()
    response = login(world.counsellor).get(reverse("core:home"))
    assert start_cards(response) == fi("My clients", "My groups", "Partners")
    with translation.override("fi"):
        named = translation.ngettext(
            "You are the named worker of %(counter)s client.",
            "You are the named worker of %(counter)s clients.",
            1,
        ) % {"counter": 1}
    assert named in response.text

    response = login(world.supervisor).get(reverse("core:home"))
    assert start_cards(response) == fi("Units I lead", "Reports", "Partners")
    assert start_cards(login(world.expert_coordinator).get(reverse("core:home"))) == fi(
        "Experience experts", "Partners"
    )
    assert start_cards(login(world.administrator).get(reverse("core:home"))) == fi(
        "Administration", "Partners"
    )


def test_someone_without_a_role_is_told_so_and_offered_nothing(db, login):
    from tests.factories import UserFactory

    response = login(UserFactory()).get(reverse("core:home"))
    assert fi("You have no role in any unit yet. Ask your administrator to add one.")[0] in (
        response.text
    )
    assert start_cards(response) == [] and menu_of(response) == []
