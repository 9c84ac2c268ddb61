from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pytest_django import Settings

from tests.e2e.conftest import Watched


@pytest.fixture
def demo_characters(settings: Settings, transactional_db: None) -> None:
    settings.DEBUG = True
    call_command("load_demo", stdout=None)
    settings.DEBUG = False


def _names(watched: Watched) -> list[str]:
    return watched.page.locator("#board .character-name").all_inner_texts()


@pytest.mark.usefixtures("demo_characters")
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_reader_filters_the_board_and_opens_a_profile(
    live_server: object, request: pytest.FixtureRequest, device: str
) -> None:
    watched: Watched = request.getfixturevalue(device)
    page = watched.page

    page.goto(f"{live_server.url}/characters/")
    assert len(_names(watched)) == 9
    watched.check("board")

    page.get_by_role("link", name=re.compile(r"^Immortal \(half-zombie\)")).click()
    page.wait_for_url("**/characters/?status=immortal")
    # Locator assertions poll from Playwright's side: a page-side wait would need eval,
    # which our CSP rightly forbids.
    expect(page.locator("#board .character-name")).to_have_count(3)
    assert _names(watched) == ["Choi Nam-ra", "Min Eun-ji", "Yoon Gwi-nam"]
    assert page.locator("#filter-immortal").get_attribute("aria-current") == "true"
    watched.check("board-immortal")

    page.get_by_role("link", name="Choi Nam-ra").click()
    page.wait_for_url("**/characters/choi-nam-ra/")
    assert page.get_by_role("heading", level=1).inner_text() == "Choi Nam-ra 최남라"
    assert page.locator(".infobox img").evaluate("img => img.complete && img.naturalWidth > 0")
    watched.check("profile")


@pytest.mark.usefixtures("demo_characters")
def test_the_filter_works_without_javascript(live_server: object, browser: object) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    page.goto(f"{live_server.url}/characters/")
    page.get_by_role("link", name=re.compile(r"^Immortal")).click()
    page.wait_for_url("**/characters/?status=immortal")

    assert page.locator("#board .character-name").all_inner_texts() == [
        "Choi Nam-ra",
        "Min Eun-ji",
        "Yoon Gwi-nam",
    ]
    context.close()
