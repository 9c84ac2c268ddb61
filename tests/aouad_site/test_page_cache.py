"""The freshness rule: removals, edits and new comments show at once for everyone; votes reach
anonymous readers within PAGE_CACHE_SECONDS; signed-in fans always get their own page."""

from __future__ import annotations

import re
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.text import compress_string
from pytest_django import DjangoAssertNumQueries, Settings

from accounts.models import User
from aouad_site import pagecache
from characters.services import invalidate_pages
from discussion.services import delete_comment, post_comment
from moderation import actions
from moderation.models import ContentStatus
from tests.accounts.factories import UserFactory
from tests.characters.factories import CharacterFactory
from tests.episodes.factories import AiredEpisodeFactory
from tests.theories.factories import TheoryFactory
from theories.services import cast_vote, edit_theory
from verdicts.services import give_verdict

# Invalidation happens when the change commits: these tests commit.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def theory(author: User):
    return TheoryFactory(author=author, title="Gwi-nam survives the fire", body="First text.")


def _score(html: str, theory_pk: int) -> str:
    return re.search(rf'id="vote-{theory_pk}".*?<output[^>]*>(-?\d+)</output>', html, re.S).group(1)


def _later(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    now = time.time() + seconds
    monkeypatch.setattr(pagecache.time, "time", lambda: now)


def test_a_second_anonymous_request_is_served_without_a_query(
    client: Client, theory, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    first = client.get("/theories/")

    with django_assert_num_queries(0):
        second = client.get("/theories/")

    assert second.content == first.content
    assert "Gwi-nam survives the fire" in second.content.decode()


def test_a_cached_page_is_the_same_bytes_for_every_reader_with_no_token_or_nonce(
    theory,
) -> None:
    pages = [Client().get(theory.get_absolute_url()) for _ in range(3)]

    assert pages[0].content == pages[1].content == pages[2].content
    html = pages[0].content.decode()
    assert "nonce" not in html and "csrfmiddlewaretoken" not in html
    assert all("csrftoken" not in page.cookies for page in pages)


def test_a_vote_reaches_anonymous_readers_within_the_page_lifetime_and_the_voter_at_once(
    client: Client, theory, other_fan: User, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _score(client.get("/theories/").content.decode(), theory.pk) == "0"
    voter = Client()
    voter.force_login(other_fan)

    voted = voter.post(f"/theories/{theory.pk}/vote/", {"value": "1"})

    assert voted.status_code == 302
    assert _score(voter.get("/theories/").content.decode(), theory.pk) == "1"
    assert _score(client.get("/theories/").content.decode(), theory.pk) == "0"  # votes: cached
    _later(monkeypatch, settings.PAGE_CACHE_SECONDS)
    assert _score(client.get("/theories/").content.decode(), theory.pk) == "1"


def test_votes_move_no_version(theory, other_fan: User) -> None:
    before = cache.get_many(["v:listings", f"v:theory:{theory.pk}"])

    cast_vote(user=other_fan, theory_id=theory.pk, value=1)

    assert cache.get_many(["v:listings", f"v:theory:{theory.pk}"]) == before


def test_an_edit_shows_at_once_on_the_page_and_the_list(client: Client, theory) -> None:
    client.get(theory.get_absolute_url())
    client.get("/theories/")

    edit_theory(
        theory=theory,
        title="Gwi-nam walks out of the fire",
        body="Second text.",
        spoiler=False,
        characters=[],
        citations=[],
    )

    page = client.get(theory.get_absolute_url(), follow=True).content.decode()
    assert "Gwi-nam walks out of the fire" in page and "Second text." in page
    assert "Gwi-nam walks out of the fire" in client.get("/theories/").content.decode()
    assert "Gwi-nam walks out of the fire" in client.get("/").content.decode()


@pytest.mark.parametrize("action", ["hide", "remove"])
def test_a_take_down_shows_at_once_everywhere(
    client: Client, theory, moderator: User, action: str
) -> None:
    for path in (theory.get_absolute_url(), "/theories/", "/", "/modlog/"):
        assert client.get(path).status_code == 200

    if action == "hide":
        actions.hide(items=[theory], moderator=moderator, reason="spam")
    else:
        actions.remove(items=[theory], moderator=moderator, reason="spam")

    assert client.get(theory.get_absolute_url()).status_code == 404
    assert "Gwi-nam survives the fire" not in client.get("/theories/").content.decode()
    assert "Gwi-nam survives the fire" not in client.get("/").content.decode()
    assert "Spam" in client.get("/modlog/").content.decode()


def test_an_approval_and_a_restore_show_at_once(client: Client, moderator: User) -> None:
    pending = TheoryFactory(title="Waiting theory", status=ContentStatus.PENDING)
    assert "Waiting theory" not in client.get("/theories/").content.decode()

    actions.approve(items=[pending], moderator=moderator)
    assert "Waiting theory" in client.get("/theories/").content.decode()

    actions.hide(items=[pending], moderator=moderator, reason="spam")
    assert client.get(pending.get_absolute_url()).status_code == 404
    actions.restore(items=[pending], moderator=moderator)
    assert client.get(pending.get_absolute_url()).status_code == 200


def test_a_new_and_a_deleted_comment_show_at_once_on_their_page(
    client: Client, theory, other_fan: User
) -> None:
    client.get(theory.get_absolute_url())

    comment, _ = post_comment(author=other_fan, theory=theory, body="The fire was a decoy.")
    assert "The fire was a decoy." in client.get(theory.get_absolute_url()).content.decode()

    delete_comment(comment=comment)
    html = client.get(theory.get_absolute_url()).content.decode()
    assert "The fire was a decoy." not in html and "[deleted]" in html


def test_a_verdict_and_a_character_edit_show_at_once(
    client: Client, theory, moderator: User
) -> None:
    character = CharacterFactory(name="Nam On-jo")
    theory.characters.add(character)
    client.get(theory.get_absolute_url())
    client.get("/characters/")

    give_verdict(
        theory=theory,
        outcome="confirmed",
        episode=AiredEpisodeFactory(season=1, number=12),
        explanation="It happened.",
        moderator=moderator,
    )
    character.name = "Nam On-jo (Park Ji-hu)"
    character.save()
    invalidate_pages()  # as the admin and the portrait service do

    page = client.get(theory.get_absolute_url()).content.decode()
    assert "Confirmed" in page and "Nam On-jo (Park Ji-hu)" in page
    assert "Nam On-jo (Park Ji-hu)" in client.get("/characters/").content.decode()


def test_an_explicit_invalidation_never_serves_the_previous_copy_while_another_renders(
    client: Client, theory, moderator: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client.get(theory.get_absolute_url())
    actions.hide(items=[theory], moderator=moderator, reason="spam")
    cache.set(pagecache._page_key(_request(theory.get_absolute_url())) + ":lock", 1, 10)

    started = time.monotonic()
    response = client.get(theory.get_absolute_url())

    assert response.status_code == 404  # rendered here after waiting, never the old copy
    assert time.monotonic() - started >= pagecache.WAIT_SECONDS


def test_a_page_past_most_of_its_lifetime_is_served_while_one_reader_renders_it_again(
    client: Client, theory, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = client.get("/theories/").content
    cache.set(pagecache._page_key(_request("/theories/")) + ":lock", 1, 10)  # one renders
    theory.title = "Renamed while cached"
    theory.save()  # not through a service: nothing invalidated, the lifetime bounds it

    _later(monkeypatch, settings.PAGE_CACHE_SECONDS * 0.9)
    assert client.get("/theories/").content == first
    _later(monkeypatch, settings.PAGE_CACHE_SECONDS)
    assert "Renamed while cached" in client.get("/theories/").content.decode()


def test_no_page_older_than_its_lifetime_is_served_whatever_the_cache_holds(
    client: Client, theory, settings: Settings
) -> None:
    """A page restored with an old snapshot of the cache (versions and all) is too old."""
    key = pagecache._page_key(_request("/theories/"))
    versions = (cache.get("v:listings") or "x",)
    cache.set("v:listings", versions[0], timeout=None)
    stale = pagecache.Page(
        time.time() - settings.PAGE_CACHE_SECONDS - 1,
        versions,
        "text/html",
        "",
        compress_string(b"OLD COPY"),
    )
    cache.set(key, stale)

    assert b"OLD COPY" not in client.get("/theories/").content


def test_a_flushed_cache_renders_afresh(client: Client, theory) -> None:
    client.get("/theories/")
    cache.clear()
    theory.title = "Renamed after a flush"
    theory.save()

    assert "Renamed after a flush" in client.get("/theories/").content.decode()


def test_fans_and_staff_never_see_anything_of_one_another(
    theory, moderator: User, superuser: User
) -> None:
    fans = [UserFactory(username="first_fan"), UserFactory(username="second_fan")]
    cast_vote(user=fans[0], theory_id=theory.pk, value=1)
    readers = [moderator, superuser, *fans]
    for path in ("/", "/theories/"):
        pages = {}
        for reader in readers * 2:  # in turn, twice
            client = Client()
            client.force_login(reader)
            pages[reader.username] = client.get(path).content.decode()
        for reader in readers:
            html = pages[reader.username]
            assert f"<summary>{reader.username}" in html
            for other in readers:
                if other != reader:
                    assert f"<summary>{other.username}" not in html
            assert ('href="/admin/">Moderation' in html) == reader.is_staff
            pressed = 'vote-up" aria-pressed="true"' in html
            assert pressed == (reader == fans[0]), (path, reader.username)


def test_a_card_follows_its_authors_name_and_the_readers_watched_episode(
    author: User, other_fan: User
) -> None:
    episode = AiredEpisodeFactory(season=2, number=3)
    theory = TheoryFactory(author=author, title="Gwi-nam returns")
    give_verdict(
        theory=theory,
        outcome="debunked",
        episode=episode,
        explanation="He does not.",
        moderator=UserFactory(is_staff=True),
    )
    client = Client()
    client.force_login(other_fan)
    before = client.get("/theories/").content.decode()
    assert ">author</a>" in before and "Verdict in S2 E3" in before

    author.username = "author_renamed"
    author.save()
    renamed = client.get("/theories/").content.decode()
    other_fan.watched_season, other_fan.watched_episode = 2, 3
    other_fan.save()
    caught_up = client.get("/theories/").content.decode()

    assert ">author_renamed</a>" in renamed and ">author</a>" not in renamed
    assert "Verdict in S2 E3" in renamed
    assert "Verdict in S2 E3" not in caught_up and "Debunked" in caught_up


def test_no_response_carries_another_responses_csrf_token(theory, other_fan: User) -> None:
    tokens = []
    for _ in range(2):
        client = Client()
        client.force_login(other_fan)
        html = client.get("/theories/").content.decode()
        tokens.append(set(re.findall(r'value="([A-Za-z0-9]{64})"', html)))
    assert tokens[0] and tokens[1] and not tokens[0] & tokens[1]


def _request(path: str):
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.test import RequestFactory

    request = RequestFactory().get(path)
    request.session = SessionStore()
    request.htmx = False
    return request
