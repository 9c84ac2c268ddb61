from __future__ import annotations

import pytest
from pytest_django import Settings

from accounts.models import User
from moderation.models import ModerationAction
from tests.accounts.factories import ModeratorFactory
from tests.e2e.conftest import Watched, sign_up, signed_in
from tests.moderation.factories import established_fan
from theories.models import Theory


@pytest.mark.django_db(transaction=True)
def test_a_theory_is_approved_reported_hidden_and_restored_and_the_log_tells_it(
    live_server: object, browser: object, desktop: Watched, settings: Settings
) -> None:
    settings.REPORT_WEIGHT_TO_HIDE = 3
    settings.TRUSTED_PROXY_COUNT = 1  # so each reporter comes from an address of their own
    moderator = ModeratorFactory(username="mod_jin")
    reporters = [established_fan(username=f"reporter{n}") for n in range(3)]

    # A new fan posts a theory; it waits for approval.
    page = desktop.page
    sign_up(page, live_server, "brand_new_fan", "rooftop-escape-9")
    page.goto(f"{live_server.url}/theories/new/")
    page.get_by_label("Title").fill("Eun-ji is leading the immortals now")
    page.get_by_label("Your theory").fill("She is the one the director named alongside Gwi-nam.")
    page.get_by_role("button", name="Post the theory").click()
    page.wait_for_url("**/theories/*/eun-ji-is-leading-the-immortals-now/")
    assert "Waiting for approval" in page.content()
    desktop.check("pending-theory")
    theory = Theory.objects.get(title="Eun-ji is leading the immortals now")
    assert theory.status == "pending"

    # The moderator approves it from the queue in the admin.
    mod = signed_in(browser, live_server, moderator, viewport={"width": 1280, "height": 900})
    mod.page.goto(f"{live_server.url}/admin/moderation/")
    row = mod.page.locator("tr", has_text="Eun-ji is leading the immortals now")
    row.get_by_role("button", name="Approve").click()
    mod.page.wait_for_url("**/admin/moderation/")
    mod.check_errors("queue-after-approve")
    theory.refresh_from_db()
    assert theory.status == "published"

    # Three other fans report it; the third report hides it.
    for n, reporter in enumerate(reporters):
        fan = signed_in(
            browser,
            live_server,
            reporter,
            extra_http_headers={"X-Forwarded-For": f"203.0.113.{n + 1}"},
        )
        fan.page.goto(f"{live_server.url}{theory.get_absolute_url()}")
        fan.page.get_by_role("link", name="Report this theory").click()
        fan.page.get_by_label("Reason").select_option(label="Unmarked spoiler")
        fan.check("report-form")
        fan.page.get_by_role("button", name="Send the report").click()
        fan.page.wait_for_load_state("networkidle")
        fan.page.context.close()
    theory.refresh_from_db()
    assert theory.status == "hidden"
    anonymous = page.context.browser.new_context().new_page()
    assert anonymous.goto(f"{live_server.url}{theory.get_absolute_url()}").status == 404

    # The moderator sees it in the queue with three reporters and restores it.
    mod.page.goto(f"{live_server.url}/admin/moderation/")
    row = mod.page.locator("tr", has_text="Eun-ji is leading the immortals now")
    assert "3 fans" in row.inner_text()
    assert "Unmarked spoiler × 3" in row.inner_text()
    row.get_by_role("button", name="Restore").click()
    mod.page.wait_for_url("**/admin/moderation/")
    theory.refresh_from_db()
    assert theory.status == "published"
    assert anonymous.goto(f"{live_server.url}{theory.get_absolute_url()}").status == 200

    # The public log and the ModerationAction rows tell the whole story.
    anonymous.goto(f"{live_server.url}/modlog/")
    log_text = anonymous.locator("table.modlog").inner_text()
    assert "Hidden automatically after reports" in log_text
    assert "Restored" in log_text
    assert log_text.count("Eun-ji is leading the immortals now") == 2
    assert "mod_jin" not in log_text
    story = list(
        ModerationAction.objects.filter(target_id=theory.pk)
        .order_by("created", "pk")
        .values_list("kind", "moderator__username")
    )
    assert story == [("approve", "mod_jin"), ("auto_hide", None), ("restore", "mod_jin")]
    desktop.page.goto(f"{live_server.url}/modlog/")
    desktop.check("modlog")
    assert User.objects.get(username="brand_new_fan").theories.get() == theory
