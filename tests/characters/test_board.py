from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client
from pytest_django import DjangoAssertNumQueries, Settings

from characters.models import Status
from tests.characters.factories import CharacterFactory


def _names(html: str) -> list[str]:
    return re.findall(r'<span class="character-name">([^<]+)</span>', html)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 100])
def test_the_board_runs_two_queries_whatever_the_number_of_characters(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries, count: int
) -> None:
    CharacterFactory.create_batch(count)

    # 1. the characters on the board  2. the count per status for the filter chips
    with django_assert_num_queries(2):
        response = client.get("/characters/")

    assert len(_names(response.content.decode())) == count


@pytest.mark.django_db
def test_filtering_by_status_shows_only_that_status(client: Client) -> None:
    CharacterFactory(name="Choi Nam-ra", status=Status.IMMORTAL)
    CharacterFactory(name="Nam On-jo", status=Status.HUMAN)

    response = client.get("/characters/", {"status": "immortal"})

    html = response.content.decode()
    assert _names(html) == ["Choi Nam-ra"]
    assert "1 character with the status “Immortal (half-zombie)”" in html
    assert re.search(r'id="filter-immortal"[^>]*aria-current="true"', html)


@pytest.mark.django_db
def test_an_unknown_status_shows_everyone(client: Client) -> None:
    CharacterFactory.create_batch(3)

    response = client.get("/characters/", {"status": "vampire"})

    assert response.status_code == 200
    assert len(_names(response.content.decode())) == 3


@pytest.mark.django_db
def test_a_status_is_told_in_words_not_only_colour(client: Client) -> None:
    CharacterFactory(status=Status.IMMUNE)

    html = client.get("/characters/").content.decode()

    assert re.search(r'class="status-badge status-immune">.*?Immune</span>', html, re.S)
    assert "Infected but cannot pass it on" in html  # the legend


@pytest.mark.django_db
def test_htmx_gets_just_the_board_and_a_plain_request_the_page(client: Client) -> None:
    CharacterFactory(name="Choi Nam-ra", status=Status.IMMORTAL)

    fragment = client.get("/characters/", {"status": "immortal"}, headers={"HX-Request": "true"})
    page = client.get("/characters/", {"status": "immortal"})

    assert fragment.content.decode().lstrip().startswith('<section id="board"')
    assert "<html" not in fragment.content.decode()
    assert "<html" in page.content.decode()
    assert _names(fragment.content.decode()) == _names(page.content.decode()) == ["Choi Nam-ra"]
    assert "HX-Request" in fragment["Vary"] and "HX-Request" in page["Vary"]


@pytest.mark.django_db
def test_a_history_restore_gets_the_whole_page(client: Client) -> None:
    response = client.get(
        "/characters/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )

    assert "<html" in response.content.decode()


@pytest.mark.django_db
def test_portraits_are_responsive_sized_and_lazy(client: Client, settings: Settings) -> None:
    settings.DEBUG = True
    call_command("load_demo", stdout=None)

    html = client.get("/characters/").content.decode()

    images = re.findall(r"<img [^>]*>", html)
    portraits = [img for img in images if "/media/portraits/" in img]
    assert len(portraits) == 9
    for img in portraits:
        assert re.search(r'srcset="[^"]*-160\.webp 160w, [^"]*-240\.webp 240w', img)
        assert 'sizes="' in img and 'width="160"' in img and 'height="160"' in img
        assert 'loading="lazy"' in img


@pytest.mark.django_db
def test_the_demo_immortals_are_nam_ra_gwi_nam_and_eun_ji(
    client: Client, settings: Settings
) -> None:
    settings.DEBUG = True
    call_command("load_demo", stdout=None)

    response = client.get("/characters/", {"status": "immortal"})

    assert _names(response.content.decode()) == ["Choi Nam-ra", "Min Eun-ji", "Yoon Gwi-nam"]
