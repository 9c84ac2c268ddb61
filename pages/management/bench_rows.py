"""The benchmark data's words and bulk inserts (load_bench_data)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from django.db import connection

# What generated theories and comments are made of.
WORDS = [
    "virus",
    "immune",
    "immortal",
    "school",
    "rooftop",
    "helicopter",
    "quarantine",
    "antibodies",
    "season",
    "mutation",
    "soldier",
    "bite",
    "hearing",
    "survive",
    "city",
    "demolished",
    "classroom",
    "broadcast",
    "library",
    "science",
    "teacher",
    "emotion",
    "rage",
    "fear",
    "friendship",
    "escape",
    "rescue",
    "ending",
    "finale",
    "cliffhanger",
    "return",
]


def copy_rows(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> int:
    """Insert many rows at once: COPY on PostgreSQL, one prepared INSERT elsewhere."""
    if not rows:
        return 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            data = io.StringIO("".join("\t".join(_pg(v) for v in row) + "\n" for row in rows))
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                copy.write(data.getvalue())
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
                rows,
            )
    return len(rows)


def _pg(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)
