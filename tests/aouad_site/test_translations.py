"""The Korean catalogue is complete and compiled, and no template shows text it cannot translate."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUE = settings.BASE_DIR / "locale" / "ko" / "LC_MESSAGES" / "django.po"
TEMPLATES = settings.BASE_DIR / "templates"

# What a translator never sees: comments, and everything inside translation tags, variables
# and other tags (their output is someone else's text, or translated where it is made).
HIDDEN = re.compile(
    r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}"
    r"|\{#.*?#\}"
    r"|\{%\s*blocktrans(?:late)?\b.*?\{%\s*endblocktrans(?:late)?\s*%\}"
    r"|\{\{.*?\}\}"
    r"|\{%.*?%\}",
    re.DOTALL,
)
# A word someone reads, in either script; the brand is a name in both languages.
WORDS = re.compile(r"[A-Za-z\uac00-\ud7a3]")
BRAND = re.compile(r"\bAOUAD\b")
READ_ATTRIBUTES = {
    "alt",
    "title",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "placeholder",
}
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# A literal handed to an included template (`with label="Report"`) is text too.
INCLUDE_LITERAL = re.compile(r"\{%\s*include\b[^%]*?\b\w+=(\"[^\"]*\"|'[^']*')[^%]*%\}")


class UntranslatedText(HTMLParser):
    """Collects text a reader sees that no translation tag covers. Text inside an element marked
    `lang="ko"` is Korean in both languages (the show's own title, say) and needs none."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, exempt: script, style or lang="ko")

    def exempt(self) -> bool:
        return any(exempt for _, exempt in self.open)

    def note(self, text: str) -> None:
        text = BRAND.sub("", text).strip()
        if WORDS.search(text) and not self.exempt():
            self.found.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in READ_ATTRIBUTES & values.keys():
            self.note(values[name] or "")
        if tag == "meta" and values.get("name") == "description":
            self.note(values.get("content") or "")
        if tag == "input" and values.get("type") in ("submit", "button", "reset"):
            self.note(values.get("value") or "")
        if tag not in VOID:
            exempt = tag in ("script", "style") or values.get("lang") == "ko"
            self.open.append((tag, exempt))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        self.note(data)


def untranslated(source: str) -> list[str]:
    parser = UntranslatedText()
    parser.feed(HIDDEN.sub(" ", source))
    parser.close()
    literals = [match[1:-1] for match in INCLUDE_LITERAL.findall(source)]
    return parser.found + [text for text in literals if " " in text.strip() or text[:1].isupper()]


def template_files() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*") if p.suffix in (".html", ".txt"))


def test_the_scanner_finds_text_outside_translation_tags() -> None:
    assert untranslated('<p>Hello {{ name }}</p><img alt="A cat" src="x.png">') == [
        "Hello",
        "A cat",
    ]
    assert untranslated('{% include "x.html" with label="Report it" %}') == ["Report it"]
    assert (
        untranslated(
            '{% load i18n %}<p>{% translate "Hello" %} · {{ n }}</p>'
            "{% blocktranslate trimmed %}Hi {{ x }}{% endblocktranslate %}"
            '<span lang="ko">지금 우리 학교는</span><span class="brand">AOUAD</span>'
            "<script>var a = 1;</script>"
        )
        == []
    )


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_every_template_marks_its_text_for_translation(path: Path) -> None:
    assert untranslated(path.read_text()) == []


def test_every_message_has_a_korean_translation() -> None:
    catalogue = polib.pofile(str(CATALOGUE))
    assert len(catalogue) > 100
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert catalogue.metadata["Language"] == "ko"


def test_the_compiled_catalogue_matches_the_messages() -> None:
    """The README's set-up installs no GNU gettext, so the compiled file is committed: it must
    say what the .po file says (after an edit: `make messages`)."""
    source = polib.pofile(str(CATALOGUE))
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))

    def messages(catalogue: polib.POFile | polib.MOFile) -> dict[tuple[str | None, str], object]:
        return {
            (entry.msgctxt, entry.msgid): entry.msgstr_plural or entry.msgstr
            for entry in catalogue
            if not entry.obsolete and "fuzzy" not in entry.flags
        }

    found, expected = messages(compiled), messages(source)
    # polib reads plural forms back with integer keys from the .mo file, strings from the .po.
    found = {
        key: {int(k): v for k, v in value.items()} if isinstance(value, dict) else value
        for key, value in found.items()
    }
    expected = {
        key: {int(k): v for k, v in value.items()} if isinstance(value, dict) else value
        for key, value in expected.items()
    }
    assert found == expected
