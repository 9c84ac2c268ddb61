"""Sessions (Django's cached_db engine) behave as fans expect."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from tests.accounts.factories import UserFactory


@pytest.mark.django_db
def test_it_reads_back_what_was_saved() -> None:
    stored = SessionStore()
    stored["watched"] = "2-3"
    stored.create()

    loaded = SessionStore(stored.session_key)

    assert loaded["watched"] == "2-3"
    assert loaded.session_key == stored.session_key


@pytest.mark.django_db
def test_an_expired_session_reads_as_empty_and_is_not_reused() -> None:
    stored = SessionStore()
    stored["watched"] = "2-3"
    stored.create()
    Session.objects.filter(pk=stored.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    cache.clear()  # the cached copy expires with the session

    loaded = SessionStore(stored.session_key)

    assert loaded.get("watched") is None
    assert loaded.session_key is None  # a new one is made if anything is stored


@pytest.mark.django_db
def test_an_unknown_session_reads_as_empty() -> None:
    loaded = SessionStore("x" * 32)

    assert loaded.load() == {}
    assert loaded.session_key is None


@pytest.mark.django_db
def test_signing_out_ends_the_session_for_every_copy_of_the_cookie() -> None:
    fan = UserFactory()
    client = Client()
    client.force_login(fan)
    copy = Client()
    copy.cookies = client.cookies.__class__(client.cookies)
    assert copy.get("/accounts/settings/").status_code == 200

    client.post("/accounts/logout/")

    assert copy.get("/accounts/settings/").status_code == 302  # sent to sign in
