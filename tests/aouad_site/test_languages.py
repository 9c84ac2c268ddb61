"""English at /…, Korean at /ko/…: the address alone decides, every page links its other
language, and a fan's language is remembered."""

from __future__ import annotations

import gzip
import re

import pytest
from django.test import Client

from accounts.models import User
from tests.accounts.factories import UserFactory
from tests.theories.factories import TheoryFactory

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


def test_signing_in_takes_a_fan_to_their_language(anonymous: Client) -> None:
    UserFactory(username="minji", password="a long enough password 1", language="ko")
    response = anonymous.post(
        "/accounts/login/", {"username": "minji", "password": "a long enough password 1"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/ko/"
    response = anonymous.post(
        "/accounts/login/?next=/theories/",
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
