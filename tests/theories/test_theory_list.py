"""The theory list: sorts, periods, the character filter, keyset pages and query budgets."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, Settings

from accounts.models import User
from tests.accounts.factories import UserFactory
from tests.characters.factories import CharacterFactory
from tests.episodes.factories import AiredEpisodeFactory
from tests.theories.factories import CitationFactory, TheoryFactory
from theories.models import Theory
from theories.services import cast_vote
from verdicts.services import give_verdict


def _titles(html: str) -> list[str]:
    found = re.findall(
        r'class="theory-title" id="theory-\d+-title"><a href="[^"]+">([^<]+)</a>', html
    )
    return [unescape(title) for title in found]


def _make(title: str, *, up: int = 0, down: int = 0, days_ago: float = 0) -> Theory:
    theory = TheoryFactory(title=title, created=timezone.now() - timedelta(days=days_ago))
    for n in range(up + down):
        voter = UserFactory(username=f"{theory.pk}-voter-{n}")
        cast_vote(user=voter, theory_id=theory.pk, value=1 if n < up else -1)
    return theory


@pytest.mark.django_db
def test_new_lists_the_newest_first(client: Client) -> None:
    _make("Oldest theory title", days_ago=3)
    _make("Newest theory title", days_ago=0)
    _make("Middle theory title", days_ago=1)

    html = client.get("/theories/", {"sort": "new"}).content.decode()

    assert _titles(html) == ["Newest theory title", "Middle theory title", "Oldest theory title"]


@pytest.mark.django_db
def test_top_ranks_by_score_within_the_period(client: Client) -> None:
    _make("Old favourite theory", up=5, days_ago=40)
    _make("Weekly winner theory", up=3, days_ago=3)
    _make("Today's pick theory", up=1, days_ago=0.1)

    all_time = _titles(client.get("/theories/", {"sort": "top", "t": "all"}).content.decode())
    week = _titles(client.get("/theories/", {"sort": "top", "t": "week"}).content.decode())
    day = _titles(client.get("/theories/", {"sort": "top", "t": "day"}).content.decode())

    assert all_time == ["Old favourite theory", "Weekly winner theory", "Today's pick theory"]
    assert week == ["Weekly winner theory", "Today's pick theory"]
    assert day == ["Today's pick theory"]


@pytest.mark.django_db
def test_best_and_controversial_orders(client: Client) -> None:
    _make("Loved by many theory", up=8, down=1)
    _make("Small perfect theory", up=2)
    _make("Split down the middle", up=4, down=4)

    best = _titles(client.get("/theories/", {"sort": "best"}).content.decode())
    controversial = _titles(client.get("/theories/", {"sort": "controversial"}).content.decode())

    assert best[0] == "Loved by many theory"
    assert controversial[0] == "Split down the middle"


@pytest.mark.django_db
def test_hot_prefers_new_theories_unless_older_ones_are_far_better(client: Client) -> None:
    _make("Yesterday's theory", up=3, days_ago=1)
    _make("Fresh theory title", days_ago=0)

    html = client.get("/theories/").content.decode()

    assert _titles(html) == ["Fresh theory title", "Yesterday's theory"]


@pytest.mark.django_db
def test_the_list_filters_by_character(client: Client) -> None:
    nam_ra = CharacterFactory(slug="choi-nam-ra", name="Choi Nam-ra")
    about = TheoryFactory(title="About Nam-ra theory")
    about.characters.add(nam_ra)
    TheoryFactory(title="About nobody theory")

    html = client.get("/theories/", {"character": "choi-nam-ra"}).content.decode()

    assert _titles(html) == ["About Nam-ra theory"]
    assert "<h1>Theories about Choi Nam-ra</h1>" in html


@pytest.mark.django_db
def test_sort_tabs_are_links(client: Client) -> None:
    html = client.get("/theories/", {"sort": "best"}).content.decode()

    for sort in ("hot", "new", "top", "best", "controversial"):
        assert f'href="?sort={sort}"' in html
    assert 'href="?sort=best" aria-current="page"' in html


@pytest.mark.django_db
def test_pages_follow_each_other_without_gaps_or_repeats(
    client: Client, settings: Settings
) -> None:
    settings.THEORIES_PER_PAGE = 4
    for n in range(10):
        _make(f"Theory number {n:02d} here", up=n % 3, days_ago=n / 10)

    seen: list[str] = []
    url = "/theories/?sort=top"
    for _ in range(5):
        html = client.get(url).content.decode()
        seen.extend(_titles(html))
        match = re.search(r'class="button button-secondary" href="([^"]+)"', html)
        if not match:
            break
        url = "/theories/" + match.group(1).replace("&amp;", "&")

    assert len(seen) == 10
    assert len(set(seen)) == 10
    expected = list(Theory.objects.order_by("-score", "-pk").values_list("title", flat=True))
    assert seen == expected


@pytest.mark.django_db
def test_load_more_with_htmx_returns_only_the_next_items(
    client: Client, settings: Settings
) -> None:
    settings.THEORIES_PER_PAGE = 2
    for n in range(5):
        _make(f"Theory number {n} here", days_ago=n)
    first = client.get("/theories/?sort=new").content.decode()
    next_url = re.search(r'hx-get="([^"]+)"', first).group(1).replace("&amp;", "&")

    fragment = client.get("/theories/" + next_url, headers={"HX-Request": "true"})

    html = fragment.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith("<li>")
    assert _titles(html) == ["Theory number 2 here", "Theory number 3 here"]
    assert "Load more theories" in html


@pytest.mark.django_db
def test_a_garbled_cursor_starts_from_the_top(client: Client) -> None:
    _make("Only theory here")

    response = client.get("/theories/", {"sort": "new", "after": "not-a-cursor"})

    assert _titles(response.content.decode()) == ["Only theory here"]


@pytest.mark.django_db
def test_the_list_shows_the_fans_own_votes(other_fan: User) -> None:
    liked = _make("Liked theory title")
    cast_vote(user=other_fan, theory_id=liked.pk, value=1)
    client = Client()
    client.force_login(other_fan)

    html = client.get("/theories/").content.decode()

    assert re.search(rf'id="vote-{liked.pk}".*?vote-up" aria-pressed="true"', html, re.S)


@pytest.mark.django_db
@pytest.mark.parametrize(("on_page", "in_database"), [(10, 10), (50, 50), (50, 300)])
def test_the_list_runs_three_queries_for_a_reader(
    client: Client,
    settings: Settings,
    django_assert_num_queries: DjangoAssertNumQueries,
    on_page: int,
    in_database: int,
) -> None:
    settings.THEORIES_PER_PAGE = on_page
    characters = CharacterFactory.create_batch(3)
    for n in range(in_database):
        theory = TheoryFactory(title=f"Theory {n} of many")
        theory.characters.set(characters[: n % 4])
        if n % 2:
            CitationFactory(theory=theory)

    # 1. the characters for the filter  2. one page of theories with their authors, a
    # has-a-source flag and the reader's vote  3. the characters of those theories
    with django_assert_num_queries(3):
        response = client.get("/theories/", {"sort": "top"})

    assert len(_titles(response.content.decode())) == on_page


@pytest.mark.django_db
@pytest.mark.parametrize("on_page", [10, 50])
def test_the_list_runs_five_queries_for_a_signed_in_fan_every_time(
    other_fan: User,
    settings: Settings,
    django_assert_num_queries: DjangoAssertNumQueries,
    on_page: int,
) -> None:
    settings.THEORIES_PER_PAGE = on_page
    for n in range(on_page):
        cast_vote(user=other_fan, theory_id=TheoryFactory().pk, value=1 if n % 2 else -1)
    client = Client()
    client.force_login(other_fan)

    # (the session comes from the cache)  1. user  2. characters for the filter  3. the
    # ranked theories  4. their characters  5. the fan's votes on them; a fan's page is
    # rendered for them each time (the cards' markup comes from template fragments)
    with django_assert_num_queries(5):
        response = client.get("/theories/")
    with django_assert_num_queries(5):
        again = client.get("/theories/")

    assert response.content.decode().count('aria-pressed="true"') == on_page
    assert again.content.decode().count('aria-pressed="true"') == on_page


@pytest.mark.django_db
def test_cached_cards_follow_every_change_to_what_they_show(other_fan: User) -> None:
    """Card bodies are reused between requests and readers; their key holds the stamps of
    what they show."""
    theory = TheoryFactory(title="Su-hyeok becomes a soldier")
    client = Client()
    client.force_login(other_fan)
    assert "Su-hyeok becomes a soldier" in client.get("/theories/").content.decode()

    theory.title = "Su-hyeok joins the army"
    theory.save()
    theory.characters.add(CharacterFactory(name="Lee Su-hyeok"))
    give_verdict(
        theory=theory,
        outcome="debunked",
        episode=AiredEpisodeFactory(season=1, number=12),
        explanation="He does not.",
        moderator=UserFactory(is_staff=True),
    )
    html = client.get("/theories/").content.decode()

    assert "Su-hyeok joins the army" in html and "Su-hyeok becomes a soldier" not in html
    assert ">Lee Su-hyeok</a>" in html
    assert 'class="outcome outcome-debunked">Debunked' in html
