"""Two app servers share one cache: a removal through one is absent from the other's next
response, and a vote through one shows on the other within the page lifetime.

The second server is another process reading pages through Django's test client, with the same
database and the same shared cache (Redis when REDIS_URL is set, else a folder of files)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from pytest_django import Settings

from accounts.models import User
from moderation import actions
from tests.aouad_site.helpers import sharing_env
from tests.theories.factories import TheoryFactory
from theories.services import cast_vote

pytestmark = pytest.mark.django_db(transaction=True)

# Prints each page's status and how often it shows the text.
SERVE = """
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
for path in {paths!r}:
    response = client.get(path)
    print(response.status_code, response.content.decode().count({text!r}))
"""


@pytest.fixture
def second_server(settings: Settings, tmp_path: Path):
    env = sharing_env(settings, tmp_path / "cache")
    env["PAGE_CACHE_SECONDS"] = "2"
    settings.PAGE_CACHE_SECONDS = 2

    def get(text: str, *paths: str) -> list[tuple[int, int]]:
        code = SERVE.format(paths=paths, text=text)
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=django_settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return [tuple(map(int, line.split())) for line in result.stdout.splitlines()]

    return get


def test_a_removal_through_one_server_is_absent_from_the_others_next_response(
    second_server, moderator: User
) -> None:
    theory = TheoryFactory(title="Sook-hee hides in the gym")
    page = theory.get_absolute_url()
    assert second_server("Sook-hee", page, "/theories/") == [(200, 6), (200, 4)]  # cached there

    actions.remove(items=[theory], moderator=moderator, reason="spam")

    assert second_server("Sook-hee", page, "/theories/") == [(404, 0), (200, 0)]


def test_a_vote_through_one_server_shows_on_the_other_within_the_page_lifetime(
    second_server, other_fan: User, settings: Settings
) -> None:
    theory = TheoryFactory(title="Sook-hee votes")
    score = f'aria-label="Score of “{theory.title}”">1</output>'
    assert second_server(score, "/theories/") == [(200, 0)]

    cast_vote(user=other_fan, theory_id=theory.pk, value=1)
    assert second_server(score, "/theories/") == [(200, 0)]  # votes invalidate nothing
    time.sleep(settings.PAGE_CACHE_SECONDS)

    assert second_server(score, "/theories/") == [(200, 1)]
