"""Keyset pagination cursors: “value~id”, the sort value of the last row shown and its id.

The next page is the rows after that pair in the list's order, found through an index however
deep the reader goes (an OFFSET would read every row before the page).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

# Ids are positive 64-bit integers; anything else could not be compared in the database.
_MAX_ID = 2**63


def encode(value: Any, pk: int) -> str:
    text = value.isoformat() if isinstance(value, datetime) else repr(value)
    return f"{text}~{pk}"


def decode(cursor: str, parse: Callable[[str], Any]) -> tuple[Any, int] | None:
    """The (value, id) a cursor names, `parse` turning the text back into a value; None for
    no cursor or a mangled one (the reader gets the first page)."""
    text, _, pk_text = cursor.rpartition("~")
    try:
        value, pk = parse(text), int(pk_text)
    except (ValueError, OverflowError):
        return None
    return (value, pk) if 0 < pk < _MAX_ID else None
