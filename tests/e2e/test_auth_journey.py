from __future__ import annotations

import pytest

from accounts.models import User
from tests.e2e.conftest import Watched


def _visible_text(watched: Watched, selector: str) -> str:
    return watched.page.locator(selector).inner_text()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_fan_signs_up_logs_out_and_logs_in_again(
    live_server: object, request: pytest.FixtureRequest, device: str
) -> None:
    watched: Watched = request.getfixturevalue(device)
    page = watched.page

    page.goto(live_server.url)
    watched.check("home")

    page.get_by_role("link", name="Sign up").click()
    page.wait_for_url("**/accounts/signup/")
    watched.check("signup")
    page.get_by_label("Username").fill("namra_stan")
    page.get_by_label("E-mail address").fill("namra@example.com")
    page.get_by_label("Password:", exact=True).fill("class-president-2-5")
    page.get_by_label("Password confirmation").fill("class-president-2-5")
    page.get_by_role("button", name="Create account").click()

    page.wait_for_url(live_server.url + "/")
    assert "Welcome, namra_stan!" in _visible_text(watched, "[role=status]")
    assert User.objects.filter(username="namra_stan").exists()
    watched.check("signed-in-home")

    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(live_server.url + "/")
    assert page.get_by_role("link", name="Sign in").is_visible()

    page.get_by_role("link", name="Sign in").click()
    page.wait_for_url("**/accounts/login/")
    page.get_by_label("Username").fill("namra_stan")
    page.get_by_label("Password:", exact=True).fill("not-my-password")
    page.get_by_role("button", name="Sign in").click()
    assert "Please enter a correct username and password" in page.content()
    watched.check("login-error")

    page.get_by_label("Password:", exact=True).fill("class-president-2-5")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/")
    assert _visible_text(watched, ".user-menu summary") == "namra_stan"
    watched.check("signed-in-again")
