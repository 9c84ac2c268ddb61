"""Full-text search over theories, quotes and characters, on SQLite (FTS5) and PostgreSQL.

Each public item has one SearchEntry row; the database's own full-text index sits on that
table (theories migration 0006). Entries follow their items through signals connected in
SearchConfig.ready() (search/signals.py): an item that stops being public leaves the index at once.
`manage.py rebuild_search_index` rebuilds everything.

Anonymous readers' search pages are cached like every listing (aouad_site/pagecache.py).

The index is one for every reader, so entries are written in the site's language
(LANGUAGE_CODE); a result's label and address are put in the reader's language as it is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Model
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from aouad_site.locale import path_in
from characters.models import Character
from moderation.models import ContentStatus
from quotes.models import Quote
from search.models import SearchEntry, SearchKind
from theories.models import Theory

# Highlight markers: unusual characters, removed from indexed text, turned into <mark>
# only after the snippet has been HTML-escaped.
START, STOP = "\u27e6", "\u27e7"
MAX_RESULTS = 50
_TOKEN = re.compile(r"\w+", re.UNICODE)
_MARKUP = re.compile(r"[*_#>`]+")


def _clean(text: str) -> str:
    return text.replace(START, "").replace(STOP, "")


def _entry(
    kind: str, item: Model, *, title: str, body: str, label: str, slugs: list[str]
) -> SearchEntry:
    return SearchEntry(
        kind=kind,
        object_id=item.pk,
        title=_clean(title)[:300],
        body=_clean(body),
        label=label,
        url=item.get_absolute_url(),
        character_slugs=" " + " ".join(slugs) + " " if slugs else "",
    )


# Between the parts of a label ("Character · Human"), each of which is a message of its own.
LABEL_JOINER = " · "


def theory_entry(theory: Theory, character_slugs: list[str]) -> SearchEntry:
    """The unsaved entry of a live theory (bulk loaders call this too, skipping the signals)."""
    with translation.override(settings.LANGUAGE_CODE):
        hidden = theory.public_title != theory.title  # about a later episode: not searchable
        return _entry(
            SearchKind.THEORY,
            theory,
            title=theory.public_title,
            body="" if hidden else _MARKUP.sub("", theory.body),
            label=gettext("Theory"),
            slugs=character_slugs,
        )


def _entry_for(item: Model) -> SearchEntry | None:
    """What the index should hold for `item`, or None if it must not be found."""
    with translation.override(settings.LANGUAGE_CODE):
        return _entry_in_site_language(item)


def _entry_in_site_language(item: Model) -> SearchEntry | None:
    if isinstance(item, Theory):
        if not item.is_live:
            return None
        return theory_entry(item, [c.slug for c in item.characters.all()])
    if isinstance(item, Quote):
        if item.status != ContentStatus.PUBLISHED:
            return None
        return _entry(
            SearchKind.QUOTE,
            item,
            title=item.heading,
            body=f"{item.text}\n{item.original_text}",
            label=gettext("Verified quote") if item.verified else gettext("Quote (unverified)"),
            slugs=[c.slug for c in item.characters.all()],
        )
    if isinstance(item, Character):
        return _entry(
            SearchKind.CHARACTER,
            item,
            title=f"{item.name} {item.hangul_name}".strip(),
            body="\n".join(
                part for part in (item.hangul_name, item.actor, item.season1_fate, item.bio) if part
            ),
            label=LABEL_JOINER.join([gettext("Character"), str(item.get_status_display())]),
            slugs=[item.slug],
        )
    raise TypeError(f"{type(item).__name__} is not searchable")


def _kind_of(item: Model) -> str:
    return {Theory: SearchKind.THEORY, Quote: SearchKind.QUOTE, Character: SearchKind.CHARACTER}[
        type(item)
    ]


def index(item: Model) -> None:
    """Bring the index in line with `item`: add, refresh or drop its entry."""
    entry = _entry_for(item)
    if entry is None:
        unindex(item)
        return
    fields = ("title", "body", "label", "url", "character_slugs")
    SearchEntry.objects.update_or_create(
        kind=entry.kind,
        object_id=entry.object_id,
        defaults={name: getattr(entry, name) for name in fields},
    )


def unindex(item: Model) -> None:
    SearchEntry.objects.filter(kind=_kind_of(item), object_id=item.pk).delete()


def rebuild() -> int:
    SearchEntry.objects.all().delete()
    count = 0
    for model in (Theory, Quote, Character):
        for item in model.objects.all():
            index(item)
            count += 1
    return count


# --- querying -----------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    kind: str
    label: str
    url: str
    title: SafeString
    snippet: SafeString


def _shown_label(label: str) -> str:
    """A stored label in the reader's language, part by part."""
    return LABEL_JOINER.join(gettext(part) for part in label.split(LABEL_JOINER))


def _highlighted(text: str) -> SafeString:
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped just above; only our <mark> tags are added


def _tokens(query: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(query)][:12]


def search(query: str, *, kind: str = "", character: str = "") -> list[Result]:
    """Public theories, quotes and characters matching every word, best first."""
    tokens = _tokens(query)
    if not tokens:
        return []
    where, params = [], []
    if kind in SearchKind.values:
        where.append("e.kind = %s")
        params.append(kind)
    if character:
        where.append("e.character_slugs LIKE %s")
        params.append(f"% {character} %")
    extra = "".join(f" AND {clause}" for clause in where)
    if connection.vendor == "postgresql":
        sql, head = _postgres_sql(extra), [" & ".join(f"{t}:*" for t in tokens)]
    else:
        sql, head = _sqlite_sql(extra), [" ".join(f'"{t}"*' for t in tokens)]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*head, *params, MAX_RESULTS])
        rows = cursor.fetchall()
    language = translation.get_language()
    return [
        Result(
            kind=k,
            label=_shown_label(label),
            url=path_in(url, language),
            title=_highlighted(title),
            snippet=_highlighted(snip),
        )
        for k, label, url, title, snip in rows
    ]


def _sqlite_sql(extra: str) -> str:
    return f"""
        SELECT e.kind, e.label, e.url,
               highlight(theories_search_fts, 0, '{START}', '{STOP}'),
               snippet(theories_search_fts, 1, '{START}', '{STOP}', '…', 24)
        FROM theories_search_fts
        JOIN theories_searchentry e ON e.id = theories_search_fts.rowid
        WHERE theories_search_fts MATCH %s{extra}
        ORDER BY bm25(theories_search_fts, 8.0, 1.0), e.id
        LIMIT %s
    """  # noqa: S608 - `extra` holds fixed clauses; every value is a parameter


def _postgres_sql(extra: str) -> str:
    marks = f"StartSel={START}, StopSel={STOP}"
    return f"""
        SELECT e.kind, e.label, e.url,
               ts_headline('simple', e.title, q, 'HighlightAll=true, {marks}'),
               ts_headline('simple', e.body, q, '{marks}, MaxWords=35, MinWords=15, MaxFragments=2')
        FROM theories_searchentry e, to_tsquery('simple', %s) q
        WHERE e.search_vector @@ q{extra}
        ORDER BY ts_rank_cd(e.search_vector, q) DESC, e.id
        LIMIT %s
    """  # noqa: S608 - `extra` holds fixed clauses; every value is a parameter
