"""No feed entry carries active markup, whatever fans, moderators or sources typed.

Feed readers render an entry's HTML summary the way a browser would, without our CSP, so
what a page shows as text must not become markup there. Each feed is parsed as XML, and each
HTML construct of each entry is parsed as HTML: only the tags and attributes the pages' own
sanitiser allows may appear, and links only to http(s) or mailto addresses.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client

from aouad_site.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from tests.characters.factories import CharacterFactory
from tests.quotes.factories import QuoteFactory, SourceFactory
from tests.theories.factories import TheoryFactory
from theories import feeds

ATOM = "{http://www.w3.org/2005/Atom}"
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><script>alert(document.cookie)</script>',
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><circle r=9 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">a link</a>',
    '<a href="jav&#x09;ascript:alert(1)">an encoded link</a>',
    "[markdown link](javascript:alert(1))",
    "[mixed case](JaVaScRiPt:alert(1))",
    "[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    "<details open ontoggle=alert(1)><summary>x</summary></details>",
    "<input autofocus onfocus=alert(1)>",
    "<body onload=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<style>@import "https://evil.example/x.css";</style>',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<form action="https://evil.example/"><button>Go</button></form>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "![picture](https://evil.example/x.png)",
    "<!--<img src=x onerror=alert(1)>-->",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]
# Set by the sanitiser itself (rel) or by the feed's own template (lang): never active.
INERT_ATTRIBUTES = {"a": {"rel", "lang"}}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}
SAFE_SCHEMES = {"http", "https", "mailto", ""}


class _ActiveMarkup(HTMLParser):
    """Collects every tag, attribute or link the pages' sanitiser would not let through."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.found.append(f"<{tag}>")
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | INERT_ATTRIBUTES.get(tag, {"lang"})
        for name, value in attrs:
            if name not in allowed:
                self.found.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES:
                scheme = urlsplit("".join((value or "").split())).scheme.lower()
                if scheme not in SAFE_SCHEMES:
                    self.found.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag


def _active_markup(client: Client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed, parsed to check it
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) >= len(PAYLOADS), f"{url} has too few entries to check"
    found = []
    for entry in entries:
        for element in entry.iter():
            kind = element.get("type", "text")
            if kind == "text":
                continue  # plain text by definition: readers show it, markup and all, as text
            assert kind == "html", f"{url}: unexpected {kind!r} construct"
            parser = _ActiveMarkup()
            parser.feed(element.text or "")
            parser.close()
            found += [f"{url} {element.tag}: {item}" for item in parser.found]
    return found


@pytest.mark.django_db
def test_no_feed_entry_carries_active_markup(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(feeds, "FEED_ITEMS", 10 * len(PAYLOADS))  # every payload in the feeds
    character = CharacterFactory(slug="payload-character", name=PAYLOADS[0])
    for payload in PAYLOADS:
        source = SourceFactory(outlet=payload)
        QuoteFactory(
            text=payload, original_text=payload, original_language=payload[:35], source=source
        )
        QuoteFactory(text=f"Before {payload} after.", speaker=payload, verified=True)
        theory = TheoryFactory(title=payload, body=payload)
        theory.characters.add(character)
        TheoryFactory(title=f"Prose around {payload}", body=f"Some *words*\n\n{payload}\n\nMore.")

    found = [
        *_active_markup(client, "/feeds/theories.atom"),
        *_active_markup(client, "/feeds/characters/payload-character.atom"),
        *_active_markup(client, "/feeds/quotes.atom"),
    ]

    assert found == []


@pytest.mark.django_db
def test_the_checker_finds_active_markup_when_there_is_some() -> None:
    parser = _ActiveMarkup()

    parser.feed(
        '<p onclick="x">a</p><script>b</script><a href=" javascript:c">d</a>'
        '<a href="https://ok.example/" rel="nofollow">fine</a>'
    )

    assert parser.found == [
        "<p onclick>",
        "<script>",
        "<a href=' javascript:c'>",
    ]


@pytest.mark.django_db
def test_quote_text_reads_as_the_same_words_in_the_feed(client: Client) -> None:
    QuoteFactory(text="Season 2 <is> coming & soon.", original_text="시즌 2 온다", verified=True)

    response = client.get("/feeds/quotes.atom")
    summary = ET.fromstring(response.content).find(f"{ATOM}entry/{ATOM}summary")  # noqa: S314

    assert summary.get("type") == "html"
    assert (
        summary.text
        == '<p>“Season 2 &lt;is&gt; coming &amp; soon.”</p><p lang="ko">시즌 2 온다</p>'
    )
