"""English at /…, Korean at /ko/…: the address alone decides, every page links its other
language, and a fan's language is remembered."""

from __future__ import annotations

import gzip
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import Settings

from accounts.models import User
from moderation.models import ContentStatus
from notifications.models import Notification
from search.index import search
from tests.accounts.factories import UserFactory
from tests.characters.factories import CharacterFactory
from tests.discussion.factories import CommentFactory
from tests.theories.factories import TheoryFactory
from theories.models import Theory, TheoryRevision
from theories.services import create_theory

pytestmark = pytest.mark.django_db


def _lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def test_it_serves_english_without_a_prefix_and_korean_under_ko(anonymous: Client) -> None:
    english = anonymous.get("/theories/")
    korean = anonymous.get("/ko/theories/")
    assert (english.status_code, korean.status_code) == (200, 200)
    assert _lang(english.text) == "en" and english["Content-Language"] == "en"
    assert _lang(korean.text) == "ko" and korean["Content-Language"] == "ko"
    assert ">Theories</a>" in english.text
    assert ">이론</a>" in korean.text


def test_a_korean_browser_gets_the_english_address_in_english(anonymous: Client) -> None:
    """Offered the Korean site by the page's script, never redirected: `/` stays one page."""
    response = anonymous.get("/", headers={"accept-language": "ko-KR,ko;q=0.9"})
    assert response.status_code == 200
    assert _lang(response.text) == "en"
    assert 'class="wrap language-offer" lang="ko" hidden' in response.text
    assert "Accept-Language" not in response.get("Vary", "")
    korean = anonymous.get("/ko/", headers={"accept-language": "en"})
    assert _lang(korean.text) == "ko"
    assert "language-offer" not in korean.text


def test_every_page_names_its_languages_and_its_canonical_address(anonymous: Client) -> None:
    theory = TheoryFactory(title="Nam-ra is not alone")
    path = theory.get_absolute_url()
    english, korean = anonymous.get(path), anonymous.get(f"/ko{path}")
    for response in (english, korean):
        assert (
            f'<link rel="alternate" hreflang="en" href="http://testserver{path}">' in response.text
        )
        assert (
            f'<link rel="alternate" hreflang="ko" href="http://testserver/ko{path}">'
            in response.text
        )
    assert f'<link rel="canonical" href="http://testserver{path}">' in english.text
    default = f'<link rel="alternate" hreflang="x-default" href="http://testserver{path}">'
    assert default in english.text and default in korean.text
    assert f'<link rel="canonical" href="http://testserver/ko{path}">' in korean.text


def test_the_switch_is_a_plain_link_to_the_same_page_in_the_other_language(
    anonymous: Client,
) -> None:
    english = anonymous.get("/theories/?sort=new")
    assert (
        '<a class="language-switch" href="/ko/theories/?sort=new" hreflang="ko" lang="ko">'
        "한국어</a>" in english.text
    )
    korean = anonymous.get("/ko/theories/?sort=new")
    assert (
        '<a class="language-switch" href="/theories/?sort=new" hreflang="en" lang="en">'
        "English</a>" in korean.text
    )
    missing = anonymous.get("/ko/no-such-page/")
    assert missing.status_code == 404
    assert _lang(missing.text) == "ko"
    assert 'href="/no-such-page/" hreflang="en"' in missing.text


def test_each_language_is_cached_as_its_own_page(anonymous: Client) -> None:
    first = anonymous.get("/ko/theories/")
    english = anonymous.get("/theories/")
    again = anonymous.get("/ko/theories/")
    assert _lang(first.text) == _lang(again.text) == "ko"
    assert _lang(english.text) == "en"


def test_a_fans_language_is_remembered_from_the_pages_they_read(author_client: Client) -> None:
    author = User.objects.get(username="author")
    assert author.language == "en"
    author_client.get("/ko/theories/")
    assert User.objects.get(pk=author.pk).language == "ko"
    author_client.get("/theories/")
    assert User.objects.get(pk=author.pk).language == "en"


def test_signing_in_on_the_korean_site_stays_there_and_is_remembered(
    anonymous: Client,
) -> None:
    fan = UserFactory(username="minji", password="a long enough password 1")
    assert fan.language == "en"
    response = anonymous.post(
        "/ko/accounts/login/", {"username": "minji", "password": "a long enough password 1"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/ko/"
    assert anonymous.get(response["Location"]).status_code == 200
    assert User.objects.get(pk=fan.pk).language == "ko"  # for their e-mails and notifications
    response = anonymous.post(
        "/ko/accounts/login/?next=/theories/",
        {"username": "minji", "password": "a long enough password 1"},
    )
    assert response["Location"] == "/theories/"  # the page they asked for, as they asked


def test_a_signup_in_korean_makes_a_korean_speaking_account(anonymous: Client) -> None:
    response = anonymous.post(
        "/ko/accounts/signup/",
        {
            "username": "eunji",
            "email": "eunji@example.com",
            "password1": "a long enough password 1",
            "password2": "a long enough password 1",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/ko/")
    assert User.objects.get(username="eunji").language == "ko"


def test_pages_are_compressed_for_readers_who_accept_it(anonymous: Client) -> None:
    TheoryFactory.create_batch(5)
    for path in ("/theories/", "/ko/theories/"):
        plain = anonymous.get(path)
        packed = anonymous.get(path, headers={"accept-encoding": "gzip"})
        assert packed["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in packed["Vary"]
        assert gzip.decompress(packed.content) == plain.content
        assert len(packed.content) < len(plain.content) / 3


@pytest.mark.parametrize("signed_in", [False, True], ids=["reader", "fan"])
def test_korean_pages_run_the_queries_english_ones_do(settings: Settings, signed_in: bool) -> None:
    """The query budgets pinned for English pages hold in Korean: translation costs none."""
    settings.PAGE_CACHE_SECONDS = 0  # every request renders
    character = CharacterFactory(name="Choi Nam-ra", hangul_name="최남라")
    theories = TheoryFactory.create_batch(5)
    for theory in theories:
        theory.characters.set([character])
    CommentFactory.create_batch(3, theory=theories[0])
    paths = [
        "/",
        "/theories/",
        theories[0].get_absolute_url(),
        "/characters/",
        character.get_absolute_url(),
        "/quotes/",
        "/leaderboard/",
        "/search/?q=theory",
    ]
    client = Client()
    if signed_in:
        fan = UserFactory(username="reader")
        client.force_login(fan)

    def queries(path: str, language: str) -> list[str]:
        if signed_in:  # as a fan who reads this language (switching costs one write, once)
            User.objects.filter(username="reader").update(language=language)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, path
        return [query["sql"] for query in captured.captured_queries]

    for path in paths:
        english, korean = queries(path, "en"), queries(f"/ko{path}", "ko")
        assert len(korean) == len(english), path


def test_times_name_their_zone_by_language_and_by_a_fans_choice(author: User) -> None:
    moment = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)
    theory = TheoryFactory(author=author, title="A theory with a history")
    TheoryRevision.objects.filter(theory=theory).update(created=moment)
    path = f"/theories/{theory.pk}/history/"
    client = Client()
    english, korean = client.get(path).text, client.get(f"/ko{path}").text
    assert '<time datetime="2026-12-05T08:00:00Z" data-local>5 December 2026, 08:00 UTC</time>' in (
        english
    )
    assert '<time datetime="2026-12-05T08:00:00Z" data-local>2026년 12월 5일 17:00 KST</time>' in (
        korean
    )
    author.time_zone = "America/New_York"
    author.save(update_fields=["time_zone"])
    client.force_login(author)
    mine = client.get(path).text
    assert "5 December 2026, 03:00 EST" in mine


def test_a_fan_chooses_their_time_zone_in_the_settings(author_client: Client) -> None:
    page = author_client.get("/accounts/settings/").text
    assert '<option value="Asia/Seoul">Asia/Seoul</option>' in page
    response = author_client.post(
        "/accounts/settings/", {"spoiler_preference": "ask", "time_zone": "Europe/Berlin"}
    )
    assert response.status_code == 302
    assert User.objects.get(username="author").time_zone == "Europe/Berlin"
    refused = author_client.post(
        "/accounts/settings/", {"spoiler_preference": "ask", "time_zone": "Mars/Olympus"}
    )
    assert refused.status_code == 200
    assert User.objects.get(username="author").time_zone == "Europe/Berlin"


def test_a_korean_title_makes_a_korean_slug_and_reads_as_korean(author: User) -> None:
    theory, _ = create_theory(
        author=author,
        title="청산이는 절비가 되어 살아 있다",
        body="귀남이에게 물린 뒤 청산이가 변하는 장면은 끝내 나오지 않아요.",
        spoiler=False,
        characters=[],
        citations=[],
    )
    assert theory.slug == "청산이는-절비가-되어-살아-있다"
    assert theory.language == "ko"
    Theory.objects.update(status=ContentStatus.PUBLISHED)  # past the new member's wait
    response = Client().get(theory.get_absolute_url())
    assert response.status_code == 200
    english, _ = create_theory(
        author=author,
        title="Nam-ra (최남라) is not alone",
        body="She says so in the finale: there are others like her out there.",
        spoiler=False,
        characters=[],
        citations=[],
    )
    assert english.language == "en"
    Theory.objects.update(status=ContentStatus.PUBLISHED)
    listed = Client().get("/theories/?language=ko").text
    assert "청산이는 절비가" in listed and "Nam-ra (최남라)" not in listed


@pytest.mark.parametrize("prefix", ["", "/ko"])
def test_a_full_theory_list_stays_within_60_kb_in_either_language(
    settings: Settings, prefix: str
) -> None:
    """HTML, CSS and JS as a browser receives them (compressed) for a full first page of
    Korean and English theories: Hangul takes three bytes a character."""
    settings.THEORIES_PER_PAGE = 20
    characters = [
        CharacterFactory(name=name, hangul_name=hangul)
        for name, hangul in [("Choi Nam-ra", "최남라"), ("Lee Cheong-san", "이청산")]
    ]
    for n in range(20):
        title = (
            f"청산이는 절비가 되어 살아 있고 시즌 2에서 온조 앞에 다시 나타난다 {n}"
            if n % 2
            else f"Season 2 follows the half-zombies who got out of the ruined town {n}"
        )
        TheoryFactory(title=title).characters.set(characters)
    response = Client().get(f"{prefix}/theories/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    assert len(_titles_on(html)) == 20
    assets = re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', html)
    assert len(assets) == 3  # the stylesheet, htmx and the site's script
    weight = len(response.content)
    for url in assets:
        found = finders.find(url.removeprefix(settings.STATIC_URL).removeprefix("/static/"))
        weight += len(gzip.compress(Path(found).read_bytes()))
    assert weight < 60_000


def _titles_on(html: str) -> list[str]:
    return re.findall(r'class="theory-title"', html)


def test_the_feeds_exist_in_both_languages(anonymous: Client) -> None:
    TheoryFactory(title="Nam-ra is not alone")
    english = anonymous.get("/feeds/theories.atom").text
    korean = anonymous.get("/ko/feeds/theories.atom").text
    assert '<feed xml:lang="en"' in english and "<title>New theories" in english
    assert '<feed xml:lang="ko"' in korean and "<title>새 이론" in korean
    assert 'href="http://testserver/ko/theories/' in korean


def test_search_finds_both_scripts() -> None:
    korean = TheoryFactory(
        title="청산이는 절비가 되어 살아 있다",
        body="의식이 남은 채로 변한 귀남이에게 물렸으니 청산이도 남라처럼 절비가 됐을 거예요.",
    )
    english = TheoryFactory(title="Season 2 follows the half-zombies", body="Nam-ra is not alone.")

    def found(query: str) -> list[str]:
        return [result.url for result in search(query)]

    assert found("절비") == [korean.get_absolute_url()]
    assert found("청산") == [korean.get_absolute_url()]  # a stem finds it with its particle
    assert found("half-zombie") == [english.get_absolute_url()]


def test_a_reset_asked_for_in_korean_sends_a_korean_mail(anonymous: Client, author: User) -> None:
    response = anonymous.post("/ko/accounts/password_reset/", {"email": "author@example.com"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert "비밀번호" in message.subject and "AOUAD" in message.subject
    link = re.search(r"http://testserver(/ko/accounts/reset/\S+/)", message.body).group(1)
    assert "비밀번호" in message.body
    assert anonymous.get(link, follow=True).context["validlink"]


def test_notifications_and_search_results_link_to_the_readers_language(
    author: User, other_fan: User
) -> None:
    """Addresses are kept without a language (so redaction finds them) and shown in the page's;
    a notification is written in its recipient's language, whatever page the actor was on."""
    User.objects.filter(pk=author.pk).update(language="ko")
    theory = TheoryFactory(author=author, title="Nam-ra is not alone")
    commenter = Client()
    commenter.force_login(other_fan)
    User.objects.filter(pk=other_fan.pk).update(language="en")
    response = commenter.post(
        f"/theories/{theory.pk}/comments/", {"body": "She said so in the finale, clearly."}
    )
    assert response.status_code == 302
    [notice] = Notification.objects.filter(recipient=author)
    assert notice.url.startswith(f"/theories/{theory.pk}/")
    assert "댓글" in notice.text and "Nam-ra is not alone" in notice.text

    reader = Client()
    reader.force_login(author)
    assert f'href="/ko{notice.url}"' in reader.get("/ko/notifications/").text
    assert f'href="{notice.url}"' in reader.get("/notifications/").text

    results = Client().get("/ko/search/", {"q": "Nam-ra"}).text
    assert f'href="/ko{theory.get_absolute_url()}"' in results
