from __future__ import annotations

import re

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from characters.models import RelationshipKind, Status
from tests.characters.factories import CharacterFactory, RelationshipFactory


@pytest.mark.django_db
def test_the_profile_shows_the_infobox(client: Client) -> None:
    CharacterFactory(
        name="Choi Nam-ra",
        slug="choi-nam-ra",
        hangul_name="최남라",
        actor="Cho Yi-hyun",
        status=Status.IMMORTAL,
        season1_fate="Jumps off the roof.",
    )

    html = client.get("/characters/choi-nam-ra/").content.decode()

    assert '<span class="hangul" lang="ko">최남라</span>' in html
    assert "<dt>Actor</dt><dd>Cho Yi-hyun</dd>" in html
    assert "Immortal (half-zombie)" in html
    assert "Changed while alive" in html
    assert "<dt>Season 1 fate</dt><dd>Jumps off the roof.</dd>" in html


@pytest.mark.django_db
def test_missing_facts_read_unknown(client: Client) -> None:
    CharacterFactory(slug="min-eun-ji", actor="", season1_fate="")

    html = client.get("/characters/min-eun-ji/").content.decode()

    assert "<dt>Actor</dt><dd>Unknown</dd>" in html
    assert "<dt>Season 1 fate</dt><dd>Unknown</dd>" in html


@pytest.mark.django_db
def test_relationships_read_from_both_sides(client: Client) -> None:
    gwi_nam = CharacterFactory(name="Yoon Gwi-nam", slug="yoon-gwi-nam")
    cheong_san = CharacterFactory(name="Lee Cheong-san", slug="lee-cheong-san")
    RelationshipFactory(source=gwi_nam, target=cheong_san, kind=RelationshipKind.BIT)

    biter = client.get("/characters/yoon-gwi-nam/").content.decode()
    bitten = client.get("/characters/lee-cheong-san/").content.decode()

    assert '<li>Bit <a href="/characters/lee-cheong-san/">Lee Cheong-san</a>' in biter
    assert '<li>Was bitten by <a href="/characters/yoon-gwi-nam/">Yoon Gwi-nam</a>' in bitten


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 100])
def test_the_profile_runs_four_queries_whatever_the_number_of_characters(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries, count: int
) -> None:
    others = CharacterFactory.create_batch(count)
    subject = CharacterFactory(slug="subject")
    for other in others[: count // 2]:
        RelationshipFactory(source=subject, target=other)
    for other in others[count // 2 :]:
        RelationshipFactory(source=other, target=subject, kind=RelationshipKind.RIVAL)

    # 1. the character  2. its relationships both ways, with the other characters joined
    # 3. the verified quotes about it, with their sources  4. its top theories with authors
    #
    with django_assert_num_queries(4):
        response = client.get("/characters/subject/")

    assert response.content.decode().count("<li>Friend of") == count // 2
    assert response.content.decode().count("<li>Rival of") == count - count // 2


@pytest.mark.django_db
def test_the_bio_is_markdown_with_nothing_dangerous_left(client: Client) -> None:
    CharacterFactory(
        slug="x",
        bio="**Brave**. <script>alert(1)</script> [click](javascript:alert(2)) "
        '<img src=x onerror="alert(3)"> [ok](https://example.com)',
    )

    html = client.get("/characters/x/").content.decode()
    prose = re.search(r'<div class="prose">(.*?)</div>', html, re.S).group(1)

    assert "<strong>Brave</strong>" in prose
    assert "<script" not in prose
    assert "<img" not in prose
    assert not re.search(r"<[^>]+\son\w+=", prose)  # no event handler on any tag
    assert 'href="javascript:' not in prose
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in prose  # shown as the text it was
    assert '<a href="https://example.com" rel="nofollow ugc noopener noreferrer">ok</a>' in prose


@pytest.mark.django_db
def test_the_profile_has_sharing_metadata(client: Client) -> None:
    CharacterFactory(name="Lee Su-hyeok", slug="lee-su-hyeok", actor="Lomon")

    html = client.get("/characters/lee-su-hyeok/").content.decode()

    assert "<title>Lee Su-hyeok (학생) — AOUAD Fan Community</title>" in html
    assert '<meta property="og:title" content="Lee Su-hyeok (학생)">' in html
    assert '<meta property="og:url" content="http://testserver/characters/lee-su-hyeok/">' in html
    assert re.search(r'<meta name="description" content="Lee Su-hyeok, played by Lomon', html)


@pytest.mark.django_db
def test_an_unknown_character_is_not_found(client: Client) -> None:
    assert client.get("/characters/nobody/").status_code == 404
