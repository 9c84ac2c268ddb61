"""Anonymous pages come from the cache, and never stale: every change shows at once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection, connections, transaction
from django.test import Client
from pytest_django import DjangoAssertNumQueries, Settings

from accounts.models import User
from aouad_site import pagecache
from tests.accounts.factories import UserFactory
from tests.conftest import session_queries, version_queries
from tests.theories.factories import TheoryFactory
from theories import moderation
from theories.models import NotificationKind, Vote
from theories.notifications import notify
from theories.services import cast_vote, edit_theory, post_comment


@pytest.fixture
def theory(author: User):
    return TheoryFactory(author=author, title="Gwi-nam survives the fire", body="First text.")


def _score(html: str, theory_pk: int) -> str:
    return re.search(rf'id="vote-{theory_pk}".*?<output[^>]*>(-?\d+)</output>', html, re.S).group(1)


@pytest.mark.django_db
def test_a_second_anonymous_request_reads_nothing_but_the_content_version(
    client: Client,
    theory,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    first = client.get("/theories/")

    with django_assert_num_queries(version_queries()):  # in the database on SQLite
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


@pytest.mark.django_db(transaction=True)  # the version moves when the change commits
def test_after_a_vote_the_next_anonymous_request_shows_it(
    client: Client, theory, other_fan: User
) -> None:
    assert _score(client.get("/theories/").content.decode(), theory.pk) == "0"
    assert _score(client.get(theory.get_absolute_url()).content.decode(), theory.pk) == "0"

    cast_vote(user=other_fan, theory_id=theory.pk, value=1)

    assert _score(client.get("/theories/").content.decode(), theory.pk) == "1"
    assert _score(client.get(theory.get_absolute_url()).content.decode(), theory.pk) == "1"


@pytest.mark.django_db(transaction=True)  # the version moves when the change commits
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


@pytest.mark.django_db(transaction=True)  # the version moves when the change commits
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


@pytest.mark.django_db(transaction=True)  # the version moves when the change commits
def test_after_a_comment_the_next_anonymous_request_shows_it(
    client: Client, theory, other_fan: User
) -> None:
    assert "No comments yet." in client.get(theory.get_absolute_url()).content.decode()

    post_comment(author=other_fan, theory=theory, body="Fire cannot kill an immortal.")

    assert "Fire cannot kill an immortal." in client.get(theory.get_absolute_url()).content.decode()


def _signed_in(user: User, **options: bool) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_each_fan_gets_their_own_page_never_a_readers_or_another_fans(
    theory, author: User, other_fan: User, client: Client
) -> None:
    client.get("/theories/")  # the anonymous copy
    pages = {}
    for user in (author, other_fan):
        fan = _signed_in(user)
        fan.get("/theories/")  # this fan's copy
        pages[user.username] = fan.get("/theories/").content.decode()

    assert "<summary>author" in pages["author"] and "<summary>other_fan" in pages["other_fan"]
    assert "your theory" in pages["author"] and "your theory" not in pages["other_fan"]
    assert f'action="/theories/{theory.pk}/vote/"' in pages["other_fan"]
    assert "Sign in" not in pages["author"] + pages["other_fan"]


@pytest.mark.django_db
def test_a_fans_cached_page_carries_the_token_of_the_visit_it_is_served_to(
    theory, other_fan: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    """The same fan signed in on a phone and a laptop holds two CSRF secrets: the page cached
    for one must still work on the other."""
    phone = _signed_in(other_fan, enforce_csrf_checks=True)
    laptop = _signed_in(other_fan, enforce_csrf_checks=True)
    phone.get("/theories/")

    # The user (and on SQLite the content version); the rest is cached
    with django_assert_num_queries(1 + session_queries() + version_queries()):
        html = laptop.get("/theories/").content.decode()

    assert pagecache.CSRF_MARK not in html
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert len(tokens) == 1
    token = tokens.pop()
    assert f'"X-CSRFToken": "{token}"' in html
    response = laptop.post(
        f"/theories/{theory.pk}/vote/", {"value": "1", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Vote.objects.filter(user=other_fan, theory=theory, value=1).exists()


@pytest.mark.django_db(transaction=True)  # the version moves when the vote commits
def test_after_a_fans_own_vote_their_next_page_shows_it(theory, other_fan: User) -> None:
    fan = _signed_in(other_fan)
    assert 'aria-pressed="true"' not in fan.get("/theories/").content.decode()

    fan.post(f"/theories/{theory.pk}/vote/", {"value": "1"})

    html = fan.get("/theories/").content.decode()
    assert _score(html, theory.pk) == "1"
    assert html.count('aria-pressed="true"') == 1


@pytest.mark.django_db
def test_a_new_notification_shows_on_the_fans_next_page_at_once(theory, other_fan: User) -> None:
    """Notifications do not move the content version; the fan's account row is in the key."""
    fan = _signed_in(other_fan)
    assert 'class="badge"' not in fan.get("/theories/").content.decode()

    notify(recipient=other_fan, kind=NotificationKind.COMMENT, text="A reply", url="/")

    assert '<span class="badge">1<' in fan.get("/theories/").content.decode()


@pytest.mark.django_db(transaction=True)  # the version moves when a change commits
def test_signing_in_leaves_every_cached_page_as_it_is(other_fan: User, author: User) -> None:
    """Signing in saves the account's last_login, which no page shows; any other change to
    the account still moves the version."""
    before = pagecache.content_version()

    _signed_in(other_fan)
    after_sign_in = pagecache.content_version()
    author.username = "renamed_author"
    author.save(update_fields=["username", "last_login"])

    assert after_sign_in == before
    assert pagecache.content_version() != before


@pytest.mark.django_db
def test_a_page_showing_a_flash_message_is_neither_cached_nor_served_from_the_cache(
    author: User,
) -> None:
    fan = _signed_in(author)
    fan.get("/theories/")
    doomed = TheoryFactory(author=author, title="Nam-ra leaves the school")

    after_delete = fan.post(f"/theories/{doomed.pk}/delete/", follow=True).content.decode()
    later = fan.get("/theories/").content.decode()

    assert "is deleted." in after_delete
    assert "is deleted." not in later


@pytest.mark.django_db(transaction=True)
def test_a_change_made_in_another_process_invalidates_this_ones_pages(
    client: Client, theory
) -> None:
    """gunicorn runs several worker processes, each with its own page memory: a vote handled
    by one must make the others' cached pages stale too (the version lives where they all
    look: the SQLite file, or the shared cache, Redis or files)."""
    client.get("/theories/")  # cached here, in this process
    before = pagecache.content_version()
    here = {**os.environ, "DJANGO_SETTINGS_MODULE": "aouad_site.settings"}
    if connection.vendor == "sqlite":
        here["DJANGO_SQLITE_PATH"] = connection.settings_dict["NAME"]  # the test database

    subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from aouad_site import pagecache; pagecache.bump()",
        ],
        check=True,
        env=here,
        cwd=settings.BASE_DIR,
        timeout=60,
    )

    assert pagecache.content_version() != before


@pytest.mark.django_db(transaction=True)
def test_other_workers_see_the_version_move_when_the_change_commits_not_before(
    theory, other_fan: User
) -> None:
    """A reader rendering before the commit sees the old state: it must cache it under the old
    version, and the new version must reach the other workers no later than the change."""
    before = pagecache.content_version()
    seen: list[int] = []

    def other_worker() -> None:
        try:
            seen.append(pagecache.content_version())
        finally:
            connections.close_all()  # this thread's own connection

    def look() -> int:
        thread = threading.Thread(target=other_worker)
        thread.start()
        thread.join(timeout=30)
        return seen.pop()

    with transaction.atomic():
        cast_vote(user=other_fan, theory_id=theory.pk, value=1)
        assert look() == before

    assert look() != before
    assert pagecache.content_version() == look()


@pytest.mark.django_db(transaction=True)
def test_a_change_rolled_back_leaves_the_version_where_it_was(theory, other_fan: User) -> None:
    before = pagecache.content_version()

    def a_request_failing_after_the_vote() -> None:
        with transaction.atomic():
            cast_vote(user=other_fan, theory_id=theory.pk, value=1)
            raise RuntimeError("failed after the vote")

    with pytest.raises(RuntimeError):
        a_request_failing_after_the_vote()

    assert pagecache.content_version() == before


def _pressed(html: str, theory_pk: int) -> list[str]:
    """The vote buttons shown pressed on the theory's card: "up", "down" or none."""
    widget = re.search(rf'id="vote-{theory_pk}".*?</form>', html, re.S).group(0)
    return re.findall(r'vote-(up|down)" aria-pressed="true"', widget)


@pytest.mark.django_db
def test_fans_share_one_rendering_of_the_list_yet_each_sees_their_own_name_and_votes(
    author: User,
    other_fan: User,
    moderator: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    liked = TheoryFactory(author=author, title="Cheong-san is alive")
    disliked = TheoryFactory(author=author, title="Nam-ra loses her powers")
    cast_vote(user=other_fan, theory_id=liked.pk, value=1)
    cast_vote(user=moderator, theory_id=liked.pk, value=-1)
    cast_vote(user=moderator, theory_id=disliked.pk, value=-1)
    fan, staff = _signed_in(other_fan), _signed_in(moderator)
    first = fan.get("/theories/").content.decode()  # rendered for all fans

    # The rest is the shared rendering: 1. session  2. the fan  3. their votes on its cards
    # (and on SQLite the content version)
    with django_assert_num_queries(2 + session_queries() + version_queries()):
        second = staff.get("/theories/").content.decode()

    assert "<summary>other_fan" in first and "<summary>moderator" in second
    assert "moderator" not in first and "other_fan" not in second
    assert "Moderation</a>" in second and "Moderation</a>" not in first  # staff only
    assert _pressed(first, liked.pk) == ["up"] and _pressed(first, disliked.pk) == []
    assert _pressed(second, liked.pk) == ["down"] and _pressed(second, disliked.pk) == ["down"]
    assert "<fan-card" not in first + second and str(pagecache.ACCOUNT_MARK) not in second
    # The same page but for what is theirs: the shared rendering is not a different page.
    assert _titles_in_order(first) == _titles_in_order(second)


def _titles_in_order(html: str) -> list[str]:
    return re.findall(r'class="theory-title"[^>]*><a [^>]*>([^<]+)</a>', html)


@pytest.mark.django_db
def test_fans_who_hide_spoilers_never_get_the_rendering_shared_by_fans_who_show_them(
    author: User,
) -> None:
    TheoryFactory(author=author, title="Nam-ra leads the half-zombies", spoiler=True)
    shows = _signed_in(UserFactory(spoiler_preference="show"))
    hides = _signed_in(UserFactory(spoiler_preference="hide"))

    shown = shows.get("/theories/").content.decode()
    hidden = hides.get("/theories/").content.decode()

    assert "Nam-ra leads the half-zombies" in shown
    assert "Nam-ra leads the half-zombies" not in hidden
    assert "Spoiler theory (title hidden)" in hidden


@pytest.mark.django_db
def test_a_further_page_of_the_list_loaded_by_htmx_is_shared_the_same_way(
    author: User, other_fan: User, moderator: User, settings: Settings
) -> None:
    settings.THEORIES_PER_PAGE = 1
    older = TheoryFactory(author=author, title="Older theory")
    TheoryFactory(author=author, title="Newer theory")
    cast_vote(user=other_fan, theory_id=older.pk, value=1)
    cast_vote(user=moderator, theory_id=older.pk, value=-1)
    fan, staff = _signed_in(other_fan), _signed_in(moderator)
    more = re.search(r'hx-get="([^"]+)"', fan.get("/theories/?sort=new").content.decode())
    url = "/theories/" + more.group(1).replace("&amp;", "&")

    first = fan.get(url, headers={"HX-Request": "true"}).content.decode()
    second = staff.get(url, headers={"HX-Request": "true"}).content.decode()

    assert "Older theory" in first and "Older theory" in second
    assert _pressed(first, older.pk) == ["up"] and _pressed(second, older.pk) == ["down"]
    assert "<html" not in second and "<fan-card" not in first + second


@pytest.mark.django_db
def test_the_author_of_a_theory_on_a_shared_page_still_sees_it_as_theirs(
    theory, author: User, other_fan: User
) -> None:
    """The shared rendering holds each card as any other fan sees it; its own author gets the
    page rendered for them alone, and a page rendered for the author is never shared."""
    yours, theirs = _signed_in(author), _signed_in(other_fan)
    other_first = theirs.get("/").content.decode()
    author_page = yours.get("/").content.decode()
    caches["pages"].clear()
    author_first = yours.get("/").content.decode()
    other_after = theirs.get("/").content.decode()

    for page in (author_page, author_first):
        assert "your theory" in page and f'action="/theories/{theory.pk}/vote/"' not in page
    for page in (other_first, other_after):
        assert "your theory" not in page and f'action="/theories/{theory.pk}/vote/"' in page


@pytest.mark.django_db
def test_a_page_from_the_shared_rendering_carries_this_visits_token_and_nonce(
    theory, author: User, other_fan: User
) -> None:
    yours, third = _signed_in(author), _signed_in(UserFactory(username="third_fan"))
    fan = _signed_in(other_fan, enforce_csrf_checks=True)
    yours.get("/theories/")  # shares nothing: the author's theory is on it
    third.get("/theories/")  # the shared rendering

    response = fan.get("/theories/")

    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert all(f'nonce="{nonce}"' in tag for tag in re.findall(r"<script\b[^>]*>", html))
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert len(tokens) == 1
    voted = fan.post(
        f"/theories/{theory.pk}/vote/", {"value": "1", "csrfmiddlewaretoken": tokens.pop()}
    )
    assert voted.status_code == 302
    assert Vote.objects.filter(user=other_fan, theory=theory, value=1).exists()
