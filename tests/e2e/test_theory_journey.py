from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pytest_django import Settings

from accounts.models import User
from moderation import actions
from tests.e2e.conftest import Watched, sign_up
from theories.models import Citation, Theory


@pytest.fixture
def demo(settings: Settings, transactional_db: None) -> None:
    settings.DEBUG = True
    call_command("load_demo", stdout=None)
    settings.DEBUG = False


@pytest.mark.usefixtures("demo")
def test_a_fan_posts_a_cited_theory_another_upvotes_it_in_place(
    live_server: object, desktop: Watched, phone: Watched
) -> None:
    page = desktop.page
    sign_up(page, live_server, "theorist", "broadcast-room-7")

    page.get_by_role("link", name="Post a theory").first.click()
    page.wait_for_url("**/theories/new/")
    desktop.check("theory-form")
    page.get_by_label("Title").fill("Gwi-nam is still alive under the school")
    page.get_by_label("Your theory").fill(
        "Immortals heal. Gwi-nam was last seen burning, "
        "but the director talks of **semi-infection**."
    )
    page.get_by_label("Yoon Gwi-nam").check()
    page.locator("#id_citations-0-quote").select_option(index=1)
    page.locator("#id_citations-0-stance_0").check()  # Supports
    page.locator("#id_citations-0-note").fill("Semi-infected people keep their minds.")
    page.get_by_role("button", name="Post the theory").click()

    page.wait_for_url("**/theories/*/gwi-nam-is-still-alive-under-the-school/")
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Gwi-nam is still alive under the school"
    )
    assert page.locator(".citation-supports").count() == 1
    desktop.check("theory-page")
    theory = Theory.objects.get(title="Gwi-nam is still alive under the school")
    quote = Citation.objects.get(theory=theory).quote
    # A new member's first theory waits for a moderator (the moderation journey tests that
    # part through the admin); here the demo moderator approves it directly.
    assert "Waiting for approval" in page.content()
    actions.approve(items=[theory], moderator=User.objects.get(username="moderator"))

    # Another fan, on a phone, upvotes it from the list without a page load.
    other = phone.page
    other.goto(f"{live_server.url}/accounts/login/")
    other.get_by_label("Username").fill("onjo_fan")
    other.get_by_label("Password:", exact=True).fill("hyosan-high-2022")
    other.get_by_role("button", name="Sign in").click()
    other.wait_for_url(live_server.url + "/")
    other.goto(f"{live_server.url}/theories/?sort=new")
    other.evaluate("window.__sameDocument = true")
    widget = other.locator(f"#vote-{theory.pk}")
    assert widget.locator("output").inner_text() == "0"
    widget.get_by_role("button", name="Upvote").click()
    expect(other.locator(f"#vote-{theory.pk} output")).to_have_text("1")
    assert other.evaluate("window.__sameDocument") is True  # swapped in place, no reload
    assert other.locator(f"#vote-{theory.pk} .vote-up").get_attribute("aria-pressed") == "true"
    theory.refresh_from_db()
    assert (theory.score, theory.upvotes) == (1, 1)
    phone.check("voted-list")

    other.goto(f"{live_server.url}{quote.get_absolute_url()}")
    supporting = other.locator("ul.citing").first
    assert "Gwi-nam is still alive under the school" in supporting.inner_text()
    phone.check("quote-page")


@pytest.mark.usefixtures("demo")
def test_load_more_appends_the_next_page_in_place(
    live_server: object, desktop: Watched, settings: Settings
) -> None:
    settings.THEORIES_PER_PAGE = 2
    page = desktop.page

    # The demo's four open season 2 theories in English: two pages of two.
    page.goto(f"{live_server.url}/theories/?sort=new&status=open&language=en")
    assert page.locator(".theory-card").count() == 2
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="Load more theories").click()
    expect(page.locator(".theory-card")).to_have_count(4)

    assert page.evaluate("window.__sameDocument") is True
    assert page.get_by_role("link", name="Load more theories").count() == 0
    titles = page.locator(".theory-title").all_inner_texts()
    expected = Theory.objects.filter(outcome="open", language="en").order_by("-created")
    assert titles == list(expected.values_list("title", flat=True))
    desktop.check("loaded-more")
