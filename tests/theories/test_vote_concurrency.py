"""Many fans voting on one theory at the same moment lose nothing.

Runs on whatever database the suite runs on: a file-backed SQLite database by default (see
DATABASES["default"]["TEST"]) and PostgreSQL when DATABASE_URL is set.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from accounts.models import User
from tests.accounts.factories import UserFactory
from tests.theories.factories import TheoryFactory
from theories.models import Theory, Vote

THREADS = 16


def _run_together(work: Callable[[int], object]) -> list[object]:
    """Run work(i) in THREADS threads released at the same instant; collect results."""
    barrier = threading.Barrier(THREADS)
    results: list[object] = [None] * THREADS

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:
            results[i] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_sixteen_fans_voting_at_once_are_all_counted() -> None:
    if connection.vendor == "sqlite":  # a real file, so real locks
        assert "memory" not in connection.settings_dict["NAME"]
    theory = TheoryFactory()
    voters = [UserFactory(username=f"voter{i}") for i in range(THREADS)]
    values = [1 if i % 4 else -1 for i in range(THREADS)]  # 12 up, 4 down
    clients = []
    for voter in voters:
        client = Client()
        client.force_login(voter)
        clients.append(client)

    def vote(i: int) -> tuple[int, bytes]:
        response = clients[i].post(
            f"/theories/{theory.pk}/vote/",
            {"value": str(values[i])},
            headers={"HX-Request": "true"},
        )
        return response.status_code, response.content

    results = _run_together(vote)

    errors = [r for r in results if not (isinstance(r, tuple) and r[0] == 200)]
    assert errors == [], errors
    assert not any(b"database is locked" in r[1] for r in results)
    theory.refresh_from_db()
    assert theory.score == sum(values) == 8
    assert (theory.upvotes, theory.downvotes) == (12, 4)
    assert Vote.objects.filter(theory=theory).count() == THREADS
    assert Vote.objects.values("user", "theory").distinct().count() == THREADS


@pytest.mark.django_db(transaction=True)
def test_one_fan_double_clicking_from_many_tabs_leaves_one_consistent_vote() -> None:
    theory = TheoryFactory()
    fan: User = UserFactory(username="clicker")
    clients = []
    for _ in range(THREADS):
        client = Client()
        client.force_login(fan)
        clients.append(client)

    results = _run_together(
        lambda i: clients[i].post(f"/theories/{theory.pk}/vote/", {"value": "1"}).status_code
    )

    assert results == [302] * THREADS
    theory.refresh_from_db()
    # Sixteen toggles, one after another: on, off, on, … off. Never two rows, none lost.
    assert Vote.objects.filter(theory=theory).count() == 0
    assert (theory.score, theory.upvotes, theory.downvotes) == (0, 0, 0)


@pytest.mark.django_db(transaction=True)
def test_negative_control_a_read_modify_write_counter_loses_votes() -> None:
    """What cast_vote avoids: read the score, add one in Python, write it back."""
    theory = TheoryFactory()

    def naive_upvote(i: int) -> None:
        current = Theory.objects.get(pk=theory.pk).score
        time.sleep(0.05)  # the gap in which other requests read the same value
        Theory.objects.filter(pk=theory.pk).update(score=current + 1, upvotes=current + 1)

    results = _run_together(naive_upvote)

    assert [r for r in results if isinstance(r, Exception)] == []
    theory.refresh_from_db()
    assert theory.score < THREADS  # votes were lost
