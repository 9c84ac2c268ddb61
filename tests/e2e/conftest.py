"""Browser tests: Playwright drives the system Chromium against pytest-django's live server.

They never download a browser: without /usr/bin/chromium (Debian's `chromium` package)
they skip with that reason. axe-core comes from the installed axe-playwright-python
package. Set E2E_SCREENSHOTS=<folder> to keep a screenshot of every checked page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the tests' own ORM calls
# are still plain synchronous code, so Django's async-safety guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Records CSP violations before any page script runs (added through the DevTools
# protocol, so the page's own CSP does not apply to it).
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""

pytestmark = pytest.mark.e2e


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER is set but {CHROMIUM} is absent")
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium package to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Watched:
    """A page plus everything that went wrong on it."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    screenshots: Path | None = None

    def check_errors(self, name: str) -> None:
        """Assert no console errors and no CSP violations (for pages we do not style: admin)."""
        self.page.wait_for_load_state("networkidle")
        violations = self.page.evaluate("window.__cspViolations || []")
        assert violations == [], f"{name}: CSP violations {violations}"
        assert self.console_errors == [], f"{name}: console errors {self.console_errors}"

    def check(self, name: str) -> None:
        """Assert no console errors, no CSP violations and no axe violations, light and dark."""
        from axe_playwright_python.sync_playwright import Axe

        page = self.page
        page.wait_for_load_state("networkidle")
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            results = Axe().run(page)
            assert results.violations_count == 0, f"{name} ({scheme}): {results.generate_report()}"
            if self.screenshots:
                self.screenshots.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=self.screenshots / f"{name}-{scheme}.png", full_page=True)
        page.emulate_media(color_scheme="light")
        violations = page.evaluate("window.__cspViolations || []")
        assert violations == [], f"{name}: CSP violations {violations}"
        assert self.console_errors == [], f"{name}: console errors {self.console_errors}"


def _watch(context: object, screenshots: Path | None) -> Watched:
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    watched = Watched(page=page, screenshots=screenshots)
    page.on(
        "console",
        lambda message: (
            watched.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: watched.console_errors.append(str(error)))
    return watched


def _screenshot_dir(request: pytest.FixtureRequest, suffix: str) -> Path | None:
    folder = os.environ.get("E2E_SCREENSHOTS")
    if not folder:
        return None
    return Path(folder) / f"{re.sub(r'[^\w]+', '_', request.node.name)}-{suffix}"


@pytest.fixture
def desktop(browser: object, request: pytest.FixtureRequest) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield _watch(context, _screenshot_dir(request, "desktop"))
    context.close()


@pytest.fixture
def phone(browser: object, request: pytest.FixtureRequest) -> Iterator[Watched]:
    context = browser.new_context(
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield _watch(context, _screenshot_dir(request, "phone"))
    context.close()


def signed_in(
    browser: object, live_server: object, user: object, **context_args: object
) -> Watched:
    """A browser context already signed in as `user` (its session made by Django's test client)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context(**context_args)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return _watch(context, None)


def sign_up(page: object, live_server: object, username: str, password: str) -> None:
    """Create an account through the sign-up form; the page ends on the home page, signed in."""
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("E-mail address").fill(f"{username}@example.com")
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_label("Password confirmation").fill(password)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(live_server.url + "/")
