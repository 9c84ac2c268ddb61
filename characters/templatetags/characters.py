from __future__ import annotations

from django import template

from characters.models import Character

register = template.Library()


@register.filter
def thumbnail(character: Character, width: int) -> str:
    return character.thumbnail_url(int(width))
