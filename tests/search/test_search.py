"""Search: the same tests on SQLite (FTS5) and PostgreSQL (tsvector), whichever runs."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from moderation import actions
from moderation.models import ContentStatus
from search.index import search
from search.models import SearchEntry
from tests.characters.factories import CharacterFactory
from tests.quotes.factories import QuoteFactory
from tests.theories.factories import TheoryFactory


@pytest.fixture
def nam_ra():
    return CharacterFactory(
        name="Choi Nam-ra", hangul_name="최남라", slug="choi-nam-ra", actor="Cho Yi-hyun"
    )


@pytest.mark.django_db
def test_romanised_and_hangul_names_find_the_character(nam_ra) -> None:
    for query in ("Nam-ra", "nam ra", "최남라", "Cho Yi-hyun"):
        results = search(query)
        assert [r.url for r in results][:1] == ["/characters/choi-nam-ra/"], query


@pytest.mark.django_db
def test_theories_and_quotes_are_found_by_their_words() -> None:
    TheoryFactory(title="The virus follows emotions", body="Rage keeps you conscious.")
    QuoteFactory(text="The survival of zombies could be next.")

    assert [r.kind for r in search("conscious rage")] == ["theory"]
    assert [r.kind for r in search("survival zombies")] == ["quote"]
    assert [r.kind for r in search("surviv")] == ["quote"]  # the start of a word is enough


@pytest.mark.django_db
def test_the_title_ranks_above_the_body() -> None:
    TheoryFactory(title="Something else entirely", body="Mentions antibodies once in passing.")
    TheoryFactory(title="Antibodies explain the immortals", body="Long argument.")

    assert str(search("antibodies")[0].title).startswith("<mark>Antibodies</mark>")


@pytest.mark.django_db
def test_matches_are_highlighted_and_user_text_stays_escaped() -> None:
    TheoryFactory(title="Hostile <b>title</b>", body="A <script>alert(1)</script> zombie tale.")

    [result] = search("zombie")

    assert "<script" not in result.snippet
    assert "&lt;/script" in result.snippet  # the text is there, escaped
    assert "<mark>zombie</mark>" in result.snippet
    assert "&lt;b&gt;" in result.title


@pytest.mark.django_db(transaction=True)  # results are cached until the change commits
def test_only_published_content_is_found(moderator, author) -> None:
    live = TheoryFactory(title="Visible werewolf theory")
    TheoryFactory(title="Pending werewolf theory", status=ContentStatus.PENDING)
    TheoryFactory(title="Deleted werewolf theory", deleted_at="2026-01-01T00:00:00Z")
    QuoteFactory(text="A werewolf quote", status=ContentStatus.PENDING)

    assert [str(r.title) for r in search("werewolf")] == ["Visible <mark>werewolf</mark> theory"]

    actions.remove(items=[live], moderator=moderator, reason="spam")
    assert search("werewolf") == []
    actions.restore(items=[live], moderator=moderator)
    assert len(search("werewolf")) == 1


@pytest.mark.django_db
def test_results_filter_by_kind_and_character(nam_ra) -> None:
    about = TheoryFactory(title="Rooftop theory about her")
    about.characters.add(nam_ra)
    TheoryFactory(title="Rooftop theory about nobody")
    quote = QuoteFactory(text="The rooftop scene was planned.")
    quote.characters.add(nam_ra)

    theories_only = search("rooftop", kind="theory")
    about_her = search("rooftop", character="choi-nam-ra")

    assert {r.kind for r in theories_only} == {"theory"} and len(theories_only) == 2
    assert {r.url for r in about_her} == {about.get_absolute_url(), quote.get_absolute_url()}


@pytest.mark.django_db
def test_query_syntax_is_never_passed_through() -> None:
    TheoryFactory(title="Plain theory words")

    for hostile in ('"', "AND OR NOT", "word*", "title:plain", "') OR 1=1 --", "&|!:*", ""):
        search(hostile)  # no error


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 60])
def test_the_search_page_runs_two_queries(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries, count: int
) -> None:
    for n in range(count):
        TheoryFactory(title=f"Mutation theory number {n}")

    # 1. the characters for the filter  2. the full-text search with snippets
    with django_assert_num_queries(2):
        response = client.get("/search/", {"q": "mutation"})

    assert response.content.decode().count('class="result-title"') == min(count, 50)


@pytest.mark.django_db(transaction=True)
def test_results_follow_every_change_to_the_index() -> None:
    theory = TheoryFactory(title="Indexed lighthouse theory")
    assert len(search("lighthouse")) == 1

    theory.title = "Renamed lighthouse theory"
    theory.save()
    assert [str(r.title) for r in search("lighthouse")] == [
        "Renamed <mark>lighthouse</mark> theory"
    ]
    theory.delete()
    assert search("lighthouse") == []
    TheoryFactory(title="Another lighthouse theory")
    assert len(search("lighthouse")) == 1


@pytest.mark.django_db
def test_the_search_page_swaps_results_with_htmx(client: Client) -> None:
    TheoryFactory(title="Swap me theory")

    response = client.get("/search/", {"q": "swap"}, headers={"HX-Request": "true"})

    assert response.content.decode().lstrip().startswith('<section id="results"')
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_the_index_can_be_rebuilt(nam_ra) -> None:
    from django.core.management import call_command

    TheoryFactory()
    SearchEntry.objects.all().delete()

    call_command("rebuild_search_index", stdout=None)

    assert SearchEntry.objects.count() == 2
    assert search("최남라")
