"""Shared fixtures: named actors, a temporary media folder and a clean cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache, caches
from django.test import Client
from pytest_django import Settings

from accounts.models import User
from tests.accounts.factories import ModeratorFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    return media


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    cache.clear()
    caches["template_fragments"].clear()
    caches["pages"].clear()


@pytest.fixture
def author(db: None) -> User:
    return UserFactory(username="author")


@pytest.fixture
def other_fan(db: None) -> User:
    return UserFactory(username="other_fan")


@pytest.fixture
def moderator(db: None) -> User:
    return ModeratorFactory(username="moderator")


@pytest.fixture
def superuser(db: None) -> User:
    return UserFactory(username="boss", is_staff=True, is_superuser=True)


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def author_client(author: User) -> Client:
    client = Client()
    client.force_login(author)
    return client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    # The real hasher is deliberately slow; tests check behaviour, not key stretching.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
