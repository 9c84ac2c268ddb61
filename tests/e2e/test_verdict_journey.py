from __future__ import annotations

import pytest
from pytest_django import Settings

from tests.accounts.factories import ModeratorFactory, UserFactory
from tests.e2e.conftest import Watched, sign_up, signed_in
from theories.models import Theory
from verdicts.models import Estimate, Verdict

TITLE = "Cheong-san comes back as a half-zombie in season 2"


@pytest.mark.django_db(transaction=True)
def test_a_theory_is_estimated_confirmed_by_an_aired_episode_and_credited(
    live_server: object, browser: object, desktop: Watched, phone: Watched, settings: Settings
) -> None:
    settings.TRUST_AFTER_APPROVED = 0
    settings.LEADERBOARD_MIN_PREDICTIONS = 1
    moderator = ModeratorFactory(username="mod_verdicts")
    fans = [UserFactory(username="estimator_a"), UserFactory(username="estimator_b")]

    # A fan posts a theory and says 70 %.
    page = desktop.page
    sign_up(page, live_server, "called_it_fan", "rooftop-escape-9")
    page.goto(f"{live_server.url}/theories/new/")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Your theory").fill(
        "We never saw him turn; the bite made him what Nam-ra is."
    )
    page.get_by_label("How likely is it? (per cent)").fill("70")
    page.get_by_role("button", name="Post the theory").click()
    page.wait_for_url("**/theories/*/cheong-san-comes-back-as-a-half-zombie-in-season-2/")
    theory = Theory.objects.get(title=TITLE)
    theory_url = f"{live_server.url}{theory.get_absolute_url()}"
    assert "70 %" in page.locator("#predictions").inner_text()

    # Two fans add their own estimates, in place (htmx), one of them on a phone.
    for fan, figure, viewport in (
        (fans[0], "40", {"width": 375, "height": 740}),
        (fans[1], "60", {"width": 1280, "height": 900}),
    ):
        session = signed_in(browser, live_server, fan, viewport=viewport)
        session.page.goto(theory_url)
        session.page.evaluate("window.__still_here = true")
        session.page.get_by_label("Your estimate (per cent)").fill(figure)
        session.page.get_by_role("button", name="Save estimate").click()
        session.page.locator("#predictions", has_text=f"You said {figure} %").wait_for()
        assert session.page.evaluate("window.__still_here") is True  # no reload
        session.check(f"estimate-{fan.username}")
        session.page.context.close()
    assert Estimate.objects.filter(theory=theory).count() == 3
    page.goto(theory_url)
    predictions = page.locator("#predictions").inner_text()
    assert "50 %" in predictions and "from 2 estimates" in predictions  # median of 40 and 60

    # The moderator adds season 2 episode 1, marks it aired and confirms the theory.
    mod = signed_in(browser, live_server, moderator, viewport={"width": 1280, "height": 900})
    mod.page.goto(f"{live_server.url}/admin/episodes/episode/add/")
    mod.page.get_by_label("Season").fill("2")
    mod.page.get_by_label("Number").fill("1")
    mod.page.get_by_label("Title").fill("The return")
    mod.page.get_by_role("button", name="Save", exact=True).click()
    mod.page.wait_for_url("**/admin/episodes/episode/")
    mod.page.locator("input[name=_selected_action]").first.check()
    mod.page.locator("select[name=action]").select_option("mark_aired")
    mod.page.locator("button[name=index]").click()
    mod.page.wait_for_load_state("networkidle")
    mod.check_errors("episode-aired")
    assert "Marked as aired" in mod.page.content()

    mod.page.goto(theory_url)
    mod.page.get_by_role("link", name="Give a verdict").click()
    mod.page.wait_for_url("**/admin/verdicts/verdict/add/?theory=*")
    mod.page.get_by_label("Outcome").select_option("confirmed")
    mod.page.get_by_label("Episode").select_option(label="S2 E1 “The return”")
    mod.page.get_by_label("Timestamp").fill("52:10")
    mod.page.get_by_label("Explanation").fill("He wakes up in the ruins, conscious and changed.")
    mod.page.get_by_role("button", name="Save", exact=True).click()
    mod.page.wait_for_url("**/admin/verdicts/verdict/")
    mod.check_errors("verdict-given")
    verdict = Verdict.objects.get(theory=theory)
    assert verdict.outcome == "confirmed" and verdict.moderator == moderator
    theory.refresh_from_db()
    assert theory.is_locked and theory.outcome == "confirmed"

    # The author has caught up with season 2: the profile shows the credit, the Brier
    # score (0.7 against 1: 0.09) and the calibration chart.
    page.goto(f"{live_server.url}/accounts/settings/")
    page.get_by_label("I have watched").select_option(label="All of season 2")
    page.get_by_role("button", name="Save").click()
    page.goto(f"{live_server.url}/u/called_it_fan/")
    record = page.locator(".track-record")
    assert "Brier score 0.090" in record.inner_text()
    assert "from 1 resolved prediction" in record.inner_text()
    assert TITLE in page.locator(".called-it").inner_text()
    assert page.locator(".calibration svg circle.chart-dot").count() == 1
    desktop.check("profile-track-record")
    page.goto(theory_url)
    assert "Verdict: Confirmed" in page.locator(".verdict").inner_text()
    assert "Edit" not in page.locator(".owner-actions").inner_text()  # locked

    # A fan who has watched only season 1 sees the verdict folded away as a spoiler.
    season_1 = signed_in(browser, live_server, fans[0], viewport={"width": 375, "height": 740})
    season_1.page.goto(theory_url)
    folded = season_1.page.locator(".verdict details.spoiler")
    assert folded.count() == 1 and not folded.evaluate("d => d.open")
    assert "Confirmed" not in season_1.page.locator(".verdict h2").inner_text()
    assert "spoiler for S2 E1" in folded.locator("summary").inner_text()
    season_1.check("verdict-folded")
    # Anonymous readers get the same, and one click lifts it for their session.
    reader = phone.page
    reader.goto(theory_url)
    assert reader.locator(".verdict details.spoiler").count() == 1
    reader.locator(".verdict").get_by_role("button", name="I have watched S2 E1").click()
    reader.wait_for_url(theory_url)
    assert reader.locator(".verdict details.spoiler").count() == 0
    assert "Verdict: Confirmed" in reader.locator(".verdict").inner_text()
    phone.check("verdict-shown-after-one-click")
    reader.goto(f"{live_server.url}/leaderboard/")
    assert "called_it_fan" in reader.locator("table.leaderboard").inner_text()
    phone.check("leaderboard")
