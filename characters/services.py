from __future__ import annotations

from django.core.files.storage import default_storage
from django.db import transaction

from aouad_site import pagecache
from aouad_site.images import CleanImage, store
from characters.models import THUMBNAIL_WIDTHS, Character


@transaction.atomic
def set_portrait(*, character: Character, image: CleanImage, alt: str) -> None:
    """Store a cleaned picture (and its thumbnails) under a fresh random name as the portrait.

    The previous portrait's files go once this commits (characters/apps.py)."""
    name = store(
        image, storage=default_storage, folder="portraits", thumbnail_widths=THUMBNAIL_WIDTHS
    )
    character.portrait = name
    character.portrait_alt = alt.strip()
    character.save()
    invalidate_pages()


def invalidate_pages() -> None:
    """Characters show on every listing and on theory pages: all show the change at once."""
    pagecache.invalidate("characters", listings=True)
