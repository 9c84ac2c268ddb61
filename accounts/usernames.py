"""Look-alike names: Unicode's confusable skeletons (UTS #39, section 4), without case.

Two names that look the same (`moderator`, `mоderator` with a Cyrillic о, `MODERATOR`,
`m0derator`, `rnoderator`) have the same skeleton. The data is Unicode's confusables.txt,
vendored in accounts/data/ (Python's standard library has no such table).
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "confusables.txt"

# Names fans may not take, whoever holds them: they would read as the site speaking.
RESERVED = ("admin", "administrator", "moderator", "moderators", "mod", "staff", "support")


@cache
def _prototypes() -> dict[str, str]:
    table = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            source, prototype, _ = (field.strip() for field in line.split(";"))
            table[chr(int(source, 16))] = "".join(chr(int(c, 16)) for c in prototype.split())
    return table


def _skeleton(text: str) -> str:
    prototypes = _prototypes()
    mapped = "".join(prototypes.get(c, c) for c in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


def skeleton(name: str) -> str:
    """The key two names share when they look alike, case aside.

    UTS #39's skeleton keeps case (`I` and `1` become `l`, `0` becomes `O`), so it is taken
    first, then case is folded, and again until nothing changes: `fanI`, `FAN1` and `fanl`
    meet, and so do `m0derator` and `MODERATOR`.
    """
    key = unicodedata.normalize("NFKC", name)
    for _ in range(4):
        folded = _skeleton(key).casefold()
        if folded == key:
            break
        key = folded
    return key


def skeleton_key(name: str) -> str:
    """What accounts.User.username_skeleton holds: a fixed-size digest of the skeleton, since
    a skeleton can be several times longer than the name (a Hangul syllable becomes up to
    seven characters) and the column carries a unique index."""
    return hashlib.sha256(skeleton(name).encode()).hexdigest()


def is_reserved(name: str) -> bool:
    """True for names that look like the site's own (`admin`, `Moderator`, `ADMlN`…), whatever
    their case: the reserved names are compared in lower case, capitalised and in capitals."""
    return skeleton(name) in _reserved_skeletons()


@cache
def _reserved_skeletons() -> frozenset[str]:
    forms = (str.lower, str.capitalize, str.upper)
    return frozenset(skeleton(form(name)) for name in RESERVED for form in forms)
