"""A profile reads one author's theories through indexes, never all of them (SQLite's plans;
PostgreSQL's planner rightly scans a table this small, so the plans are checked on SQLite)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from pages.views import PROFILE_SORTS
from tests.accounts.factories import UserFactory
from tests.theories.factories import TheoryFactory
from theories.models import Theory
from verdicts import scoring

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="query plans are checked on SQLite"
)


@pytest.mark.django_db
def test_the_profile_queries_search_the_author_indexes() -> None:
    author = UserFactory()
    TheoryFactory.create_batch(3, author=author)
    theories = Theory.objects.published().filter(author=author)

    newest = theories.order_by(*PROFILE_SORTS["new"])[:20].explain()
    top = theories.order_by(*PROFILE_SORTS["top"])[:20].explain()
    called = scoring_called_it_plan(author)
    karma_sql, params = theories.values("author").annotate(k=Sum("score")).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {karma_sql}", params)
        karma = " ".join(str(row) for row in cursor.fetchall())

    assert "USING INDEX theory_author_newest_idx" in newest
    assert "TEMP B-TREE" not in newest
    assert "USING INDEX theory_author_top_idx" in top
    assert "TEMP B-TREE" not in top
    assert "USING INDEX theory_author_called_idx" in called
    assert "COVERING INDEX theory_author_top_idx" in karma


def scoring_called_it_plan(author: object) -> str:
    """The plan of verdicts.scoring.called_it's query."""
    with CaptureQueriesContext(connection) as captured:
        scoring.called_it(author)
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {captured.captured_queries[-1]['sql']}")
        return " ".join(str(row) for row in cursor.fetchall())
