"""The main pages in Korean, on a phone and a desktop: Korean throughout, accessible, and no
text running out of its box or off the screen."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from pytest_django import Settings

from accounts.models import User
from quotes.models import Quote
from tests.e2e.conftest import Watched, signed_in
from theories.models import Theory

# Everything on the page that sticks out past the viewport (outside a container that scrolls
# sideways on purpose), and every box whose text is wider than the box itself.
OVERFLOWS = """
() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width + 1) {
    found.push("the page scrolls sideways: " + document.documentElement.scrollWidth);
  }
  const scrolls = (el) => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      const x = getComputedStyle(up).overflowX;
      if (x === "auto" || x === "scroll") return true;
    }
    return false;
  };
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("[hidden], .visually-hidden, .skip-link, svg")) continue;
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const name = el.tagName.toLowerCase() + (el.className ? "." + el.className : "");
    const text = (el.innerText || "").trim().slice(0, 40);
    if ((box.right > width + 1 || box.left < -1) && !scrolls(el)) {
      found.push(name + " off the screen, " + Math.round(box.right) + " wide: " + text);
    }
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (own && style.display !== "inline" && el.scrollWidth > el.clientWidth + 1
        && style.overflowX !== "auto" && style.overflowX !== "scroll") {
      found.push(name + " text wider than its box, " + el.scrollWidth + ": " + text);
    }
  }
  return found.slice(0, 10);
}
"""


@pytest.fixture
def demo(settings: Settings, transactional_db: None) -> None:
    settings.DEBUG = True
    call_command("load_demo", stdout=None)
    settings.DEBUG = False


def _walk(watched: Watched, base: str, paths: dict[str, str]) -> None:
    page = watched.page
    for name, path in paths.items():
        response = page.goto(base + path)
        assert response is not None and response.status == 200, f"{name}: {path}"
        assert page.locator("html").get_attribute("lang") == "ko", name
        assert page.evaluate(OVERFLOWS) == [], name
        watched.check(f"ko-{name}")


def _pages() -> dict[str, str]:
    korean = Theory.objects.get(title="청산이는 절비가 되어 살아 있다")
    english = Theory.objects.get(title="Cheong-san survived the bite as a half-zombie")
    return {
        "home": "/ko/",
        "theories": "/ko/theories/",
        "korean-theories": "/ko/theories/?language=ko",
        "korean-theory": f"/ko{korean.get_absolute_url()}",
        "english-theory": f"/ko{english.get_absolute_url()}",
        "characters": "/ko/characters/",
        "character": "/ko/characters/choi-nam-ra/",
        "quotes": "/ko/quotes/",
        "quote": f"/ko{Quote.objects.order_by('pk').first().get_absolute_url()}",
        "leaderboard": "/ko/leaderboard/",
        "search": "/ko/search/?q=절비",
        "sign-in": "/ko/accounts/login/",
        "sign-up": "/ko/accounts/signup/",
    }


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_reader_walks_the_korean_site(
    live_server: object, request: pytest.FixtureRequest, device: str
) -> None:
    watched: Watched = request.getfixturevalue(device)
    _walk(watched, live_server.url, _pages())

    # The Korean theory's address is Korean too, and its names read Hangul first.
    page = watched.page
    page.goto(live_server.url + _pages()["korean-theory"])
    assert "/theories/" in page.url and "%EC%B2%AD" in page.url  # 청…
    assert page.get_by_role("link", name="이청산 (Lee Cheong-san)").count() == 1


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 900}, {"width": 375, "height": 740}],
    ids=["desktop", "phone"],
)
def test_a_fan_writes_on_the_korean_site(
    live_server: object, browser: object, viewport: dict[str, int]
) -> None:
    fan = User.objects.get(username="onjo_fan")
    watched = signed_in(browser, live_server, fan, viewport=viewport)
    _walk(
        watched,
        live_server.url,
        {
            "new-theory": "/ko/theories/new/",
            "settings": "/ko/accounts/settings/",
            "notifications": "/ko/notifications/",
        },
    )
    assert User.objects.get(pk=fan.pk).language == "ko"
    watched.page.context.close()


def test_the_overflow_check_finds_text_out_of_its_box(desktop: Watched) -> None:
    page = desktop.page
    page.set_content(
        '<p style="width: 80px; white-space: nowrap">절반은 좀비인 사람들의 이야기</p>'
        '<div style="width: 3000px">넓은 상자</div>'
    )
    found = page.evaluate(OVERFLOWS)
    assert any("page scrolls sideways" in line for line in found)
    assert any(line.startswith("p text wider than its box") for line in found)
    assert any(line.startswith("div off the screen") for line in found)


@pytest.mark.usefixtures("demo")
def test_a_korean_browser_is_offered_the_korean_site_and_may_decline(
    live_server: object, browser: object
) -> None:
    context = browser.new_context(locale="ko-KR", timezone_id="America/New_York")
    page = context.new_page()
    page.goto(live_server.url + "/")
    offer = page.locator(".language-offer")
    assert offer.is_visible()
    assert offer.get_by_role("link").get_attribute("href") == "/ko/"
    offer.get_by_role("button").click()
    assert not offer.is_visible()
    page.reload()
    assert not page.locator(".language-offer").is_visible()  # declined stays declined

    # Times the server wrote in KST read in the reader's own zone, naming it.
    theory = Theory.objects.get(title="청산이는 절비가 되어 살아 있다")
    page.goto(f"{live_server.url}/ko/theories/{theory.pk}/history/")
    shown = page.locator("time[data-local]").first
    # (Korean names New York's zone by its offset.)
    assert "GMT-5" in shown.inner_text() and "KST" in shown.get_attribute("title")
    context.close()

    english = browser.new_context(locale="en-GB")
    page = english.new_page()
    page.goto(live_server.url + "/")
    assert not page.locator(".language-offer").is_visible()
    english.close()
