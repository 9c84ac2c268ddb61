"""Readers' pages pass between worker processes (pagecache, settings.PAGE_SHARE_SECONDS).

Each gunicorn worker keeps pages in its own memory; "another worker" here is this process
with that memory emptied, or a thread standing in for it.
"""

from __future__ import annotations

import re
import threading
import time

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory
from django_htmx.middleware import HtmxDetails
from pytest_django import DjangoAssertNumQueries, Settings

from accounts.models import User
from aouad_site import pagecache
from tests.accounts.factories import UserFactory
from tests.conftest import version_queries
from tests.theories.factories import TheoryFactory
from theories.services import cast_vote

ENTRY = ("text/html; charset=utf-8", "", "<p>rendered by the other worker</p>")


@pytest.fixture(autouse=True)
def _sharing(settings: Settings) -> None:
    settings.PAGE_SHARE_SECONDS = 5


def _score(html: str, theory_pk: int) -> str:
    return re.search(rf'id="vote-{theory_pk}".*?<output[^>]*>(-?\d+)</output>', html, re.S)[1]


@pytest.mark.django_db
def test_a_page_one_worker_rendered_is_served_by_another_reading_only_the_version(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    theory = TheoryFactory()
    first = client.get(theory.get_absolute_url())
    caches["pages"].clear()  # the next request lands in another worker

    with django_assert_num_queries(version_queries()):
        second = client.get(theory.get_absolute_url())

    nonce = re.compile(r'nonce="[^"]+"')
    assert nonce.sub("", second.content.decode()) == nonce.sub("", first.content.decode())
    # Each response still carries its own nonce.
    assert (
        re.search(nonce, second.content.decode())[0] != re.search(nonce, first.content.decode())[0]
    )


@pytest.mark.django_db(transaction=True)  # the vote bumps the version when it commits
def test_a_shared_page_is_never_older_than_a_vote(author: User) -> None:
    theory = TheoryFactory(author=author)
    reader = Client()
    assert _score(reader.get(theory.get_absolute_url()).content.decode(), theory.pk) == "0"

    cast_vote(user=UserFactory(), theory_id=theory.pk, value=1)
    caches["pages"].clear()

    assert _score(reader.get(theory.get_absolute_url()).content.decode(), theory.pk) == "1"


@pytest.mark.django_db
def test_a_worker_waits_for_the_page_another_is_rendering() -> None:
    shared = caches["shared"]
    key = "pagecache:test:waits"
    assert pagecache._from_other_workers(key) == (None, True)  # this one renders it

    threading.Timer(0.05, shared.set, (key, ENTRY)).start()
    started = time.monotonic()
    found = pagecache._from_other_workers(key)  # a second worker asks meanwhile

    assert found == (ENTRY, False)
    assert 0.04 < time.monotonic() - started < pagecache.RENDER_WAIT_SECONDS


@pytest.mark.django_db
def test_a_worker_stops_waiting_when_the_other_renders_nothing_to_share() -> None:
    shared = caches["shared"]
    key = "pagecache:test:nothing"
    assert pagecache._from_other_workers(key) == (None, True)

    # The renderer got a 404 (nothing stored) and let go of the page.
    threading.Timer(0.05, shared.delete, (pagecache.RENDERING + key,)).start()
    started = time.monotonic()

    assert pagecache._from_other_workers(key) == (None, False)
    assert time.monotonic() - started < pagecache.RENDER_WAIT_SECONDS / 2


@pytest.mark.django_db
def test_a_worker_renders_the_page_itself_when_the_other_is_too_slow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = "pagecache:test:slow"
    assert pagecache._from_other_workers(key) == (None, True)
    monkeypatch.setattr(pagecache, "RENDER_WAIT_SECONDS", 0.1)

    assert pagecache._from_other_workers(key) == (None, False)


@pytest.mark.django_db
def test_the_rendering_mark_is_released_even_when_there_is_nothing_to_share(
    client: Client,
) -> None:
    assert client.get("/theories/999999/no-such-theory/").status_code == 404
    caches["pages"].clear()

    # Were the first worker's mark left behind, this one would wait the whole second for a copy.
    started = time.monotonic()
    assert client.get("/theories/999999/no-such-theory/").status_code == 404
    assert time.monotonic() - started < pagecache.RENDER_WAIT_SECONDS / 2


@pytest.mark.django_db
def test_no_address_reads_the_mark_of_a_page_being_rendered_as_a_page(client: Client) -> None:
    request = RequestFactory().get("/theories/?sort=new")
    request.htmx = HtmxDetails(request)
    key = pagecache._key(request, "anonymous")
    assert pagecache._from_other_workers(key) == (None, True)  # another worker renders it

    # The address whose page key is that page's key with the mark's suffix of old.
    response = client.get("/theories/?sort=new:rendering")

    assert response.status_code == 200 and b"<html" in response.content


@pytest.mark.django_db
def test_a_history_restore_gets_the_whole_page_not_the_cached_fragment(client: Client) -> None:
    theory = TheoryFactory()
    url = theory.get_absolute_url() + "?comments_before=2030-01-01T00:00:00%2B00:00~1"
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content

    restored = client.get(url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})

    assert b"<html" in restored.content
