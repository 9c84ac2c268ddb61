"""Anonymous pages come from the cache, and never stale: every change shows at once."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from accounts.models import User
from aouad_site import pagecache
from tests.theories.factories import TheoryFactory
from theories import moderation
from theories.services import cast_vote, edit_theory, post_comment


@pytest.fixture
def theory(author: User):
    return TheoryFactory(author=author, title="Gwi-nam survives the fire", body="First text.")


def _score(html: str, theory_pk: int) -> str:
    return re.search(rf'id="vote-{theory_pk}".*?<output[^>]*>(-?\d+)</output>', html, re.S).group(1)


@pytest.mark.django_db
def test_a_second_anonymous_request_is_served_without_queries(
    client: Client,
    theory,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    first = client.get("/theories/")

    with django_assert_num_queries(0):
        second = client.get("/theories/")

    assert second.content.replace(b" ", b"") != b""
    assert re.sub(r'nonce="[^"]+"', "", first.content.decode()) == re.sub(
        r'nonce="[^"]+"', "", second.content.decode()
    )


@pytest.mark.django_db
def test_a_cached_page_gets_this_responses_nonce(client: Client, theory) -> None:
    client.get("/")
    response = client.get("/")

    header_nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    tags = re.findall(r"<script\b[^>]*>", response.content.decode())
    assert tags
    assert all(f'nonce="{header_nonce}"' in tag for tag in tags)


@pytest.mark.django_db
def test_after_a_vote_the_next_anonymous_request_shows_it(
    client: Client, theory, other_fan: User
) -> None:
    assert _score(client.get("/theories/").content.decode(), theory.pk) == "0"
    assert _score(client.get(theory.get_absolute_url()).content.decode(), theory.pk) == "0"

    cast_vote(user=other_fan, theory_id=theory.pk, value=1)

    assert _score(client.get("/theories/").content.decode(), theory.pk) == "1"
    assert _score(client.get(theory.get_absolute_url()).content.decode(), theory.pk) == "1"


@pytest.mark.django_db
def test_after_an_edit_the_next_anonymous_request_shows_it(client: Client, theory) -> None:
    assert "First text." in client.get(theory.get_absolute_url()).content.decode()

    edit_theory(
        theory=theory,
        title=theory.title,
        body="Second text.",
        spoiler=False,
        characters=[],
        citations=[],
    )

    assert "Second text." in client.get(theory.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_after_a_removal_the_next_anonymous_request_no_longer_shows_it(
    client: Client,
    theory,
    moderator: User,
) -> None:
    assert "Gwi-nam survives the fire" in client.get("/").content.decode()

    moderation.remove(items=[theory], moderator=moderator, reason="spam")

    assert "Gwi-nam survives the fire" not in client.get("/").content.decode()
    assert "Gwi-nam survives the fire" not in client.get("/theories/").content.decode()
    assert client.get(theory.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_after_a_comment_the_next_anonymous_request_shows_it(
    client: Client, theory, other_fan: User
) -> None:
    assert "No comments yet." in client.get(theory.get_absolute_url()).content.decode()

    post_comment(author=other_fan, theory=theory, body="Fire cannot kill an immortal.")

    assert "Fire cannot kill an immortal." in client.get(theory.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_signed_in_fans_are_never_served_from_the_cache(
    theory, other_fan: User, client: Client
) -> None:
    client.get("/theories/")  # an anonymous copy is cached
    fan = Client()
    fan.force_login(other_fan)

    html = fan.get("/theories/").content.decode()

    assert "other_fan" in html  # their own header, not the reader's page
    assert 'class="vote"' in html and "<form" in html


@pytest.mark.django_db
def test_a_change_made_in_another_process_invalidates_this_ones_pages(
    client: Client, theory
) -> None:
    """gunicorn runs several worker processes, each with its own page memory: a vote handled
    by one must make the others' cached pages stale too (the version lives in the shared
    cache: Redis, or files every process reads)."""
    client.get("/theories/")  # cached here, in this process
    before = pagecache.content_version()

    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from aouad_site import pagecache; pagecache.bump()",
        ],
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "aouad_site.settings"},
        cwd=settings.BASE_DIR,
        timeout=60,
    )

    assert pagecache.content_version() != before


@pytest.mark.django_db
def test_the_version_moves_again_when_the_change_commits(
    django_capture_on_commit_callbacks, theory, other_fan: User
) -> None:
    """A reader rendering between the bump and the commit caches the old state under the new
    version; the bump at commit time makes that entry unreachable."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        cast_vote(user=other_fan, theory_id=theory.pk, value=1)
        during = pagecache.content_version()

    for callback in callbacks:
        callback()

    assert callbacks and pagecache.content_version() != during
