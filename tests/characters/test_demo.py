from __future__ import annotations

import pytest
from django.core.management import call_command
from PIL import Image
from pytest_django import Settings

from characters.models import Character, Relationship


@pytest.mark.django_db
def test_every_facts_character_is_loaded_with_a_drawn_portrait(settings: Settings) -> None:
    settings.DEBUG = True

    call_command("load_demo", stdout=None)

    characters = {c.slug: c for c in Character.objects.all()}
    assert len(characters) == 9
    assert characters["min-eun-ji"].actor == ""  # FACTS gives no actor for her
    assert characters["lee-cheong-san"].status == "unknown"
    for character in characters.values():
        with Image.open(character.portrait.path) as portrait:
            assert portrait.format == "WEBP"
        assert character.portrait_alt.startswith(f"Drawn monogram of {character.name}")
    bite = Relationship.objects.get()
    assert (bite.source.slug, bite.kind, bite.target.slug) == (
        "yoon-gwi-nam",
        "bit",
        "lee-cheong-san",
    )
