"""Headless Chromium (Debian's, driven by Playwright) against the live server, with axe-core
checking every page a browser test visits for WCAG 2.1 A/AA violations."""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories.people import PASSWORD
from tests.utils import authenticator, totp_code

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
TABLET = {"width": 1024, "height": 768}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Never skipped silently: without the browser the suite fails and says what to install.
    assert shutil.which(CHROMIUM) or os.path.exists(CHROMIUM), (
        f"Chromium not found at {CHROMIUM}; `make test` installs Debian's chromium package."
    )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": TABLET, "locale": "fi-FI"}


class AccessibilityChecker:
    def __init__(self, page):
        self.page = page
        self.axe = Axe()
        self.loaded: list[str] = []
        self.checked: set[str] = set()
        page.on("load", lambda p: self.loaded.append(p.url))

    def check(self):
        """Run axe on the page as it is now; fail on any WCAG 2.1 A/AA violation."""
        self.page.wait_for_load_state("load")
        results = self.axe.run(self.page, options=WCAG_21_AA)
        self.checked.add(self.page.url)
        assert results.violations_count == 0, (
            f"axe found accessibility violations on {self.page.url}:\n" + results.generate_report()
        )

    def assert_every_page_checked(self):
        unchecked = [url for url in self.loaded if url not in self.checked]
        assert not unchecked, f"pages visited without an axe check: {unchecked}"


@pytest.fixture
def axe(page):
    checker = AccessibilityChecker(page)
    yield checker
    checker.assert_every_page_checked()


@pytest.fixture
def log_in(page, live_server, axe):
    def _log_in(user):
        device = authenticator(user)  # the app on the user's phone, set up earlier
        page.goto(f"{live_server.url}/accounts/login/")
        axe.check()
        page.get_by_label("Käyttäjätunnus").fill(user.username)
        page.get_by_label("Salasana").fill(PASSWORD)
        page.get_by_role("button", name="Kirjaudu sisään").click()
        # Step two: the code the phone's app shows now, computed from the user's key.
        page.wait_for_url("**/accounts/code/**")
        axe.check()
        page.get_by_label("Koodi").fill(totp_code(device))
        page.get_by_role("button", name="Jatka").click()
        page.wait_for_url(f"{live_server.url}/")
        axe.check()

    return _log_in
