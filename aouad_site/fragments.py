"""Parts of pages rendered once per state and reused (theory cards, comments).

A fragment is cached in each process's memory (caches["pages"]) under a digest of every input
it shows, so a change to any of them is a new key and nothing is ever served stale. The digest
also covers the templates' own text: a deployment with changed templates renders afresh.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.db.models import Model


def template_stamp(*names: str) -> str:
    """A short digest of the named templates' source (from the project's templates folder)."""
    folder = Path(settings.BASE_DIR) / "templates"
    return hashlib.sha256(b"".join((folder / name).read_bytes() for name in names)).hexdigest()[:12]


def digest(*inputs: object) -> str:
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


def row(instance: Model | None) -> tuple[object, ...] | None:
    """Every stored value of the row: what a fragment showing any of its fields depends on."""
    if instance is None:
        return None
    return tuple(getattr(instance, field.attname) for field in instance._meta.concrete_fields)
