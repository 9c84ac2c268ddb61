"""A fan's votes are found through the one-vote-per-fan-and-theory index, which is why votes
have no index on the fan alone (one B-tree fewer written by every vote). SQLite's plans, as in
tests/accounts/test_profile_indexes.py."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.accounts.factories import UserFactory
from tests.theories.factories import TheoryFactory
from theories.models import Vote
from theories.services import cast_vote

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="query plans are checked on SQLite"
)


@pytest.mark.django_db
def test_a_fans_votes_are_read_through_the_unique_index() -> None:
    fan = UserFactory()
    theories = TheoryFactory.create_batch(3)
    for theory in theories:
        cast_vote(user=fan, theory_id=theory.pk, value=1)
    mine = Vote.objects.filter(user=fan)

    on_a_page = mine.filter(theory__in=[t.pk for t in theories]).values("theory", "value")
    plans = [on_a_page.explain(), mine.values("id").explain()]

    for plan in plans:
        assert "sqlite_autoindex_theories_vote_1" in plan, plan
        assert "SCAN" not in plan.replace("SCAN CONSTANT ROW", ""), plan


@pytest.mark.django_db
def test_votes_have_no_index_on_the_fan_alone() -> None:
    with connection.cursor() as cursor:
        indexed = connection.introspection.get_constraints(cursor, Vote._meta.db_table)

    single = [c["columns"] for c in indexed.values() if c["index"] and c["columns"] == ["user_id"]]
    assert single == []
