"""Theory page and home: a fixed number of queries, whatever the amount of data."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries, Settings

from accounts.models import User
from tests.characters.factories import CharacterFactory
from tests.quotes.factories import QuoteFactory
from tests.theories.factories import CitationFactory, TheoryFactory
from theories.services import cast_vote


@pytest.mark.django_db
@pytest.mark.parametrize("items", [10, 50])
def test_the_theory_page_runs_five_queries_for_a_reader(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries, items: int
) -> None:
    theory = TheoryFactory()
    theory.characters.set(CharacterFactory.create_batch(items))
    for n in range(items):
        CitationFactory(theory=theory, stance="supports" if n % 2 else "contradicts")

    # 1. the theory with its author and episodes  2. its characters  3. its citations with
    # quotes and sources  4. its estimates  5. its comments with their authors
    with django_assert_num_queries(5):
        response = client.get(theory.get_absolute_url())

    assert response.content.decode().count('class="citation-note"') == items


@pytest.mark.django_db
@pytest.mark.parametrize("items", [10, 50])
def test_the_theory_page_runs_eight_queries_for_a_voter(
    other_fan: User, django_assert_num_queries: DjangoAssertNumQueries, items: int
) -> None:
    theory = TheoryFactory()
    for _ in range(items):
        CitationFactory(theory=theory)
    cast_vote(user=other_fan, theory_id=theory.pk, value=-1)
    client = Client()
    client.force_login(other_fan)

    # (the session comes from the cache)  1. user  2. the theory, author and this fan's vote
    # 3. characters  4. citations  5. estimates  6. comments  7. the aired episodes for the
    # comment form's spoiler tag
    with django_assert_num_queries(7):
        response = client.get(theory.get_absolute_url())

    assert 'vote-down" aria-pressed="true"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("characters", "theories"), [(10, 10), (50, 200)])
def test_home_runs_five_queries(
    client: Client,
    settings: Settings,
    django_assert_num_queries: DjangoAssertNumQueries,
    characters: int,
    theories: int,
) -> None:
    people = CharacterFactory.create_batch(characters)
    for n in range(theories):
        TheoryFactory().characters.set(people[: n % 3])
    QuoteFactory.create_batch(5)

    # 1. hot theories with authors, episodes, source flags  2. their characters
    # 3. the character strip  4. the newest verified quotes with their sources
    # 5. the latest verdicts with their theories, authors and episodes
    with django_assert_num_queries(5):
        response = client.get("/")

    html = response.content.decode()
    assert html.count('class="theory-card"') == settings.HOME_THEORIES
    assert html.count('class="quote-card"') == 3


@pytest.mark.django_db
@pytest.mark.parametrize("earlier_votes", [1, 30])
def test_an_htmx_vote_runs_six_queries_and_its_savepoint(
    other_fan: User, django_assert_num_queries: DjangoAssertNumQueries, earlier_votes: int
) -> None:
    for theory in TheoryFactory.create_batch(earlier_votes):
        cast_vote(user=other_fan, theory_id=theory.pk, value=1, within_daily_limit=True)
    theory = TheoryFactory()
    client = Client()
    client.force_login(other_fan)

    # (the session comes from the cache)  1. user  2. the theory, locked  3. today's vote
    # allowance, counted (the day's first vote also starts the day's row)  4. this fan's vote
    # on it  5. the new vote  6. the theory's counters and ranks; and SAVEPOINT and RELEASE,
    # because the test's own transaction is around the vote's (served, it is BEGIN and
    # COMMIT, which are not counted)
    with django_assert_num_queries(8):
        response = client.post(
            f"/theories/{theory.pk}/vote/", {"value": "1"}, headers={"HX-Request": "true"}
        )

    assert ">1</output>" in response.content.decode()
