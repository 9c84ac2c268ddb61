"""Each comment's markup is rendered once per state and reused (theories.threads).

The whole-page cache is off here (PAGE_CACHE_SECONDS = 0), so every request renders the theory
page and only the comment fragments can come from the cache: what these tests see is theirs.
"""

from __future__ import annotations

import re
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import Settings

from accounts.models import User
from aouad_site import pagecache
from tests.accounts.factories import UserFactory
from tests.theories.factories import TheoryFactory
from tests.verdicts.factories import AiredEpisodeFactory
from theories.models import Comment, ContentStatus
from theories.services import post_comment


@pytest.fixture(autouse=True)
def _no_page_cache(settings: Settings) -> None:
    settings.PAGE_CACHE_SECONDS = 0


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _page(client: Client, theory) -> str:
    response = client.get(theory.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_cached_comment_follows_every_change_to_what_it_shows(author: User) -> None:
    theory = TheoryFactory()
    fan = UserFactory(username="gyeong_su", display_name="Gyeong-su")
    comment, _ = post_comment(author=fan, theory=theory, body="The **radio** still works.")
    reader = _client()
    first = _page(reader, theory)
    assert "<strong>radio</strong>" in first and ">Gyeong-su</a>" in first

    User.objects.filter(pk=fan.pk).update(display_name="Han Gyeong-su")
    assert ">Han Gyeong-su</a>" in _page(reader, theory)

    Comment.objects.filter(pk=comment.pk).update(body="The *batteries* are dead.")
    html = _page(reader, theory)
    assert "<em>batteries</em>" in html and "radio" not in html

    Comment.objects.filter(pk=comment.pk).update(status=ContentStatus.HIDDEN)
    assert "batteries" not in _page(reader, theory)
    assert "[hidden by the moderators]" in _page(reader, theory)

    Comment.objects.filter(pk=comment.pk).update(
        status=ContentStatus.PUBLISHED, deleted_at=timezone.now()
    )
    html = _page(reader, theory)
    assert "[deleted]" in html and "batteries" not in html


@pytest.mark.django_db
def test_each_reader_gets_the_comment_as_they_may_see_it(moderator: User) -> None:
    theory = TheoryFactory()
    writer = UserFactory(username="writer")
    visible, _ = post_comment(author=writer, theory=theory, body="Seen by everyone.")
    hidden, _ = post_comment(author=writer, theory=theory, body="Seen by few.")
    Comment.objects.filter(pk=hidden.pk).update(status=ContentStatus.HIDDEN)
    edit = f'href="/comments/{visible.pk}/edit/"'
    report = f'href="/comments/{visible.pk}/report/"'

    # The writer first, so their version of each comment is what a leak would show.
    own = _page(_client(writer), theory)
    assert edit in own and report not in own and "Seen by few." in own

    other = _page(_client(UserFactory()), theory)
    assert report in other and edit not in other
    assert "Seen by few." not in other and "[hidden by the moderators]" in other

    anonymous = _page(_client(), theory)
    assert edit not in anonymous and report not in anonymous and "Seen by few." not in anonymous

    assert "Seen by few." in _page(_client(moderator), theory)


@pytest.mark.django_db
def test_the_time_since_a_comment_never_lags(author: User) -> None:
    theory = TheoryFactory()
    post_comment(author=author, theory=theory, body="Time moves on.")
    reader = _client()

    shown = []
    for text in ("5\xa0minutes", "6\xa0minutes"):  # as if a minute had passed between the views
        with (
            mock.patch("theories.threads.timesince", return_value=text),
            mock.patch("django.template.defaultfilters.timesince", return_value=text),
        ):
            html = _page(reader, theory)
        shown.append(
            re.search(r'<article class="comment".*?<time [^>]+>([^<]+)</time>', html, re.S)[1]
        )

    assert shown == ["5\xa0minutes ago", "6\xa0minutes ago"]


@pytest.mark.django_db
def test_a_spoiler_comments_watched_button_carries_this_visits_token(author: User) -> None:
    theory = TheoryFactory()
    episode = AiredEpisodeFactory(season=2, number=3)
    post_comment(author=author, theory=theory, body="Cheong-san is back.", episode=episode)
    fans = [UserFactory(watched_season=1), UserFactory(watched_season=1)]

    tokens = []
    for fan in fans:
        html = _page(_client(fan), theory)
        assert pagecache.CSRF_MARK not in html
        form = re.search(r'<form class="watched-form".*?</form>', html, re.S)[0]
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1])
        assert f'name="next" value="{theory.get_absolute_url()}"' in form

    assert all(len(token) == 64 for token in tokens) and tokens[0] != tokens[1]
    # Readers without an account post no token: the page stays cacheable for all of them.
    anonymous = _page(_client(), theory)
    assert "watched-form" in anonymous and "csrfmiddlewaretoken" not in anonymous
