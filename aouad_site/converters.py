"""The `<id:…>` path converter: a database id, or no match (a 404) for anything else."""

from __future__ import annotations

# The largest id a BigAutoField holds, on SQLite and PostgreSQL alike.
MAX_ID = 2**63 - 1


class IdConverter:
    """Like `<int:…>`, but only 1 … 2^63 − 1, written without leading zeros.

    A larger number reaches no view: looking it up could overflow the database's integer
    type (a 500) where the answer is simply that there is no such thing.
    """

    regex = "[1-9][0-9]{0,18}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(f"{value} is beyond the largest id")
        return number

    def to_url(self, value: int) -> str:
        return str(value)


class UnicodeSlugConverter:
    """Like `<slug:…>`, but letters of any script: a Korean title makes a Korean slug
    (`slugify(…, allow_unicode=True)`)."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
