"""The Atom feeds parse as Atom and carry only what is public."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from moderation.models import ContentStatus
from tests.characters.factories import CharacterFactory
from tests.quotes.factories import QuoteFactory
from tests.theories.factories import TheoryFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(client: Client, url: str) -> tuple[ET.Element, list[dict[str, str]]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, parsed to check it
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = []
    for entry in root.findall(f"{ATOM}entry"):
        entries.append(
            {
                "title": entry.findtext(f"{ATOM}title"),
                "link": entry.find(f"{ATOM}link").get("href"),
                "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
                "summary": entry.findtext(f"{ATOM}summary") or "",
                "id": entry.findtext(f"{ATOM}id"),
                "updated": entry.findtext(f"{ATOM}updated"),
            }
        )
    return root, entries


@pytest.mark.django_db
def test_the_theory_feed_is_atom_with_published_theories_only(client: Client) -> None:
    live = TheoryFactory(title="Live theory for the feed", body="Some *text*.")
    TheoryFactory(title="Pending theory", status=ContentStatus.PENDING)
    TheoryFactory(title="Deleted theory", deleted_at="2026-01-01T00:00:00Z")
    TheoryFactory(title="Spoiler theory", spoiler=True, body="The secret ending.")

    _, entries = _entries(client, "/feeds/theories.atom")

    titles = [e["title"] for e in entries]
    assert sorted(titles) == ["Live theory for the feed", "Spoiler theory"]
    live_entry = next(e for e in entries if e["title"] == "Live theory for the feed")
    assert live_entry["link"] == f"http://testserver{live.get_absolute_url()}"
    assert live_entry["author"] == live.author.username
    assert live_entry["id"] and live_entry["updated"]
    assert "<em>text</em>" in live_entry["summary"]
    assert "The secret ending." not in str(entries)


@pytest.mark.django_db
def test_a_character_feed_has_only_theories_about_them(client: Client) -> None:
    nam_ra = CharacterFactory(slug="choi-nam-ra", name="Choi Nam-ra")
    about = TheoryFactory(title="About Nam-ra")
    about.characters.add(nam_ra)
    TheoryFactory(title="About someone else")

    root, entries = _entries(client, "/feeds/characters/choi-nam-ra.atom")

    assert [e["title"] for e in entries] == ["About Nam-ra"]
    assert "Choi Nam-ra" in root.findtext(f"{ATOM}title")
    assert client.get("/feeds/characters/nobody.atom").status_code == 404


@pytest.mark.django_db
def test_the_quote_feed_has_verified_quotes_only(client: Client) -> None:
    QuoteFactory(text="Checked words.", verified=True)
    QuoteFactory(text="Unchecked words.", verified=False)

    _, entries = _entries(client, "/feeds/quotes.atom")

    assert [e["summary"] for e in entries] == ["<p>“Checked words.”</p>"]


@pytest.mark.django_db
def test_pages_link_their_feeds(client: Client) -> None:
    CharacterFactory(slug="nam-on-jo")

    home = client.get("/").content.decode()
    character = client.get("/characters/nam-on-jo/").content.decode()
    quotes = client.get("/quotes/").content.decode()

    feed_link = (
        '<link rel="alternate" type="application/atom+xml" title="New theories" '
        'href="/feeds/theories.atom">'
    )
    assert feed_link in home
    assert 'href="/feeds/characters/nam-on-jo.atom"' in character
    assert 'href="/feeds/quotes.atom"' in quotes
