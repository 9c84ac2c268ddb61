from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pytest_django import Settings

from accounts.models import User
from discussion.models import Comment
from moderation import actions
from tests.accounts.factories import ModeratorFactory, UserFactory
from tests.e2e.conftest import Watched, sign_up, signed_in
from theories.models import Theory


@pytest.mark.django_db(transaction=True)
def test_a_discussion_notifies_and_everything_is_found(
    live_server: object, browser: object, desktop: Watched, settings: Settings
) -> None:
    settings.DEBUG = True
    call_command("load_demo", stdout=None)
    settings.DEBUG = False
    fan_b = UserFactory(username="fan_b", display_name="Fan B")

    # Fan A posts a theory (a moderator approves it: new members' first theories wait).
    page = desktop.page
    sign_up(page, live_server, "fan_a", "broadcast-room-7")
    page.goto(f"{live_server.url}/theories/new/")
    page.get_by_label("Title").fill("The helicopter pilot is immune")
    page.get_by_label("Your theory").fill("He flies over the quarantine zone and never turns.")
    page.get_by_role("button", name="Post the theory").click()
    page.wait_for_url("**/theories/*/the-helicopter-pilot-is-immune/")
    theory = Theory.objects.get(title="The helicopter pilot is immune")
    actions.approve(items=[theory], moderator=ModeratorFactory())

    # Fan B comments, in place.
    other = signed_in(browser, live_server, fan_b, viewport={"width": 375, "height": 740})
    other.page.goto(f"{live_server.url}{theory.get_absolute_url()}")
    other.page.evaluate("window.__sameDocument = true")
    other.page.get_by_label("Your comment").fill("The pilot never coughs once. Immune for sure.")
    other.page.get_by_role("button", name="Post comment").click()
    expect(other.page.locator(".comment .prose")).to_have_text(
        "The pilot never coughs once. Immune for sure."
    )
    assert other.page.evaluate("window.__sameDocument") is True
    other.check("commented")

    # Fan A sees the unread notification, follows it and replies.
    page.goto(live_server.url + "/")
    badge = page.locator(".user-menu .badge")
    expect(badge).to_contain_text("2")  # the approval, and the comment
    page.locator(".user-menu summary").click()
    page.get_by_role("link", name="Notifications (2 new)").click()
    assert "A moderator approved your theory" in page.content()
    desktop.check("notifications")
    page.get_by_role("link", name="Fan B commented on your theory").click()
    page.wait_for_url("**/the-helicopter-pilot-is-immune/?comments_before=*#comment-*")
    page.locator(".reply-box summary").click()
    page.get_by_label("Your reply to Fan B").fill("Exactly — and he lands twice!")
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator(".replies .comment .prose")).to_have_text("Exactly — and he lands twice!")
    desktop.check("replied")
    reply = Comment.objects.get(parent__isnull=False, theory=theory)
    assert reply.author == User.objects.get(username="fan_a")
    assert User.objects.get(username="fan_b").unread_notifications == 1

    # Search finds the theory by a word of it and the character by her Hangul name.
    page.goto(f"{live_server.url}/search/")
    page.get_by_label("Search for").fill("helicopter")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".result-title").first).to_have_text("The helicopter pilot is immune")
    desktop.check("search-theory")
    page.get_by_label("Search for").fill("최남라")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".result-title").first).to_contain_text("Choi Nam-ra")
    desktop.check("search-hangul")

    # The feed carries the theory.
    feed = page.request.get(f"{live_server.url}/feeds/theories.atom")
    assert feed.ok
    assert "The helicopter pilot is immune" in feed.text()
