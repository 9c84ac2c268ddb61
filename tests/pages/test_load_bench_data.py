from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import Count, Q, Sum

from discussion.models import Comment
from search.index import search
from search.models import SearchEntry
from tests.characters.factories import CharacterFactory
from theories.models import Theory, Vote


def _load(seed: int = 3) -> None:
    call_command(
        "load_bench_data",
        theories=60,
        users=40,
        votes=900,
        comments=30,
        seed=seed,
        stdout=None,
    )


def _fingerprint() -> list[tuple[object, ...]]:
    return list(
        Theory.objects.order_by("created", "title").values_list("title", "score", "upvotes")
    )


@pytest.mark.django_db
def test_it_loads_consistent_counters_ranks_and_an_index() -> None:
    CharacterFactory.create_batch(3)

    _load()

    assert Theory.objects.count() == 60
    assert Vote.objects.count() == 900
    assert Comment.objects.count() == 30
    counted = Theory.objects.annotate(
        ups=Count("votes", filter=Q(votes__value=1)),
        downs=Count("votes", filter=Q(votes__value=-1)),
    )
    for theory in counted:
        assert (theory.upvotes, theory.downvotes) == (theory.ups, theory.downs)
        assert theory.score == theory.ups - theory.downs
    assert Theory.objects.aggregate(total=Sum("upvotes"))["total"] > 0
    assert SearchEntry.objects.filter(kind="theory").count() == 60
    assert search("season")
    # A power law: the most popular theory has many times the median's votes.
    votes = sorted(t.upvotes + t.downvotes for t in Theory.objects.all())
    assert votes[-1] > 5 * max(1, votes[len(votes) // 2])


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data() -> None:
    _load(seed=11)
    first = _fingerprint()
    Theory.objects.all().delete()

    _load(seed=11)

    assert [row[1:] for row in _fingerprint()] == [row[1:] for row in first]
