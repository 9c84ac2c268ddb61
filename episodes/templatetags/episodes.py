from __future__ import annotations

from django import template

from episodes.models import Episode
from episodes.spoilers import Watched

register = template.Library()


@register.filter
def spoils(episode: Episode | None, watched: Watched) -> bool:
    """`{% if theory.episode|spoils:watched %}`: tagged with an episode the reader has not seen."""
    return watched.would_spoil(episode)
