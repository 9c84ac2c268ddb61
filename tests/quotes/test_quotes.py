from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from accounts.models import User
from quotes.models import Quote, Source
from tests.characters.factories import CharacterFactory
from tests.quotes.factories import QuoteFactory, SourceFactory
from tests.theories.factories import CitationFactory, TheoryFactory


def _suggestion(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": "We are preparing the next season carefully.",
        "speaker": "Lee Jae-gyu",
        "outlet": "Example News",
        "title": "Director talks season 2",
        "url": "https://news.example/aouad",
        "published_on": "2022-02-10",
        "language": "en",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_the_library_filters_by_speaker_and_character(client: Client) -> None:
    gwi_nam = CharacterFactory(slug="yoon-gwi-nam")
    about = QuoteFactory(text="About Gwi-nam.", speaker="Lee Jae-gyu")
    about.characters.add(gwi_nam)
    QuoteFactory(text="Another topic.", speaker="Lee Jae-gyu")
    QuoteFactory(text="An actor speaks.", speaker="Park Ji-hu")

    by_speaker = client.get("/quotes/", {"speaker": "Park Ji-hu"}).content.decode()
    by_character = client.get("/quotes/", {"character": "yoon-gwi-nam"}).content.decode()

    assert "An actor speaks." in by_speaker and "About Gwi-nam." not in by_speaker
    assert "About Gwi-nam." in by_character and "Another topic." not in by_character


@pytest.mark.django_db
def test_the_library_filter_swaps_results_with_htmx(client: Client) -> None:
    QuoteFactory(text="An actor speaks.", speaker="Park Ji-hu")

    response = client.get("/quotes/", {"speaker": "Park Ji-hu"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "An actor speaks." in html
    assert "HX-Request" in response["Vary"]


@pytest.mark.django_db
def test_unverified_quotes_are_marked_as_such(client: Client) -> None:
    QuoteFactory(text="Unchecked words.", verified=False)

    html = client.get("/quotes/").content.decode()

    assert re.search(r"Unchecked words.*?Unverified", html, re.S)


@pytest.mark.django_db
def test_the_quote_page_shows_provenance_and_citing_theories_by_stance(client: Client) -> None:
    source = SourceFactory(
        outlet="SpotTV News", title="The interview", url="https://spotv.example/1"
    )
    quote = QuoteFactory(source=source, original_text="원문", original_language="ko")
    CitationFactory(
        quote=quote, stance="supports", theory=TheoryFactory(title="Backed theory here")
    )
    CitationFactory(
        quote=quote, stance="contradicts", theory=TheoryFactory(title="Undercut theory here")
    )
    hidden = TheoryFactory(title="Deleted theory here", deleted_at="2026-01-01T00:00:00Z")
    CitationFactory(quote=quote, theory=hidden)

    html = client.get(quote.get_absolute_url()).content.decode()

    assert (
        '<a href="https://spotv.example/1" rel="nofollow noopener noreferrer">The interview</a>'
        in html
    )
    assert '<p class="original" lang="ko">“원문”</p>' in html
    assert html.index("As support") < html.index("Backed theory here")
    assert html.index("As contradiction") < html.index("Undercut theory here")
    assert "Deleted theory here" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("citations", [10, 50])
def test_the_quote_page_runs_three_queries(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries, citations: int
) -> None:
    quote = QuoteFactory()
    quote.characters.set(CharacterFactory.create_batch(3))
    for n in range(citations):
        CitationFactory(quote=quote, stance="supports" if n % 2 else "contradicts")

    # 1. the quote with its source  2. its characters  3. citing theories with their authors
    #
    with django_assert_num_queries(3):
        response = client.get(quote.get_absolute_url())

    assert response.content.decode().count('class="citation-note"') == citations


@pytest.mark.django_db
def test_a_fan_suggests_a_quote_that_waits_unverified(author_client: Client, author: User) -> None:
    character = CharacterFactory()

    response = author_client.post("/quotes/new/", _suggestion(characters=[character.pk]))

    quote = Quote.objects.get()
    assert response["Location"] == f"/quotes/{quote.pk}/"
    assert (quote.verified, quote.suggested_by, quote.speaker) == (False, author, "Lee Jae-gyu")
    assert list(quote.characters.all()) == [character]
    assert quote.source.outlet == "Example News"
    page = author_client.get(quote.get_absolute_url()).content.decode()
    assert "Unverified: suggested by a fan" in page


@pytest.mark.django_db
def test_a_suggestion_reuses_a_known_source(author_client: Client) -> None:
    SourceFactory(outlet="Example News", title="Director talks season 2")

    author_client.post("/quotes/new/", _suggestion())

    assert Source.objects.count() == 1


@pytest.mark.django_db
def test_a_bad_suggestion_rerenders_with_errors(author_client: Client) -> None:
    response = author_client.post(
        "/quotes/new/", _suggestion(speaker="", url="javascript:alert(1)", published_on="someday")
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"speaker", "url", "published_on"}
    assert "We are preparing the next season carefully." in response.content.decode()
    assert not Quote.objects.exists()


def test_suggesting_needs_a_signed_in_fan(client: Client) -> None:
    assert client.get("/quotes/new/")["Location"] == "/accounts/login/?next=/quotes/new/"


@pytest.mark.django_db
def test_a_moderator_verifies_quotes_in_the_admin(superuser: User) -> None:
    quote = QuoteFactory(verified=False)
    client = Client()
    client.force_login(superuser)

    client.post(
        "/admin/quotes/quote/",
        {"action": "verify", "_selected_action": [quote.pk]},
    )

    quote.refresh_from_db()
    assert quote.verified
    assert quote.verified_by == superuser
    assert quote.verified_at is not None
