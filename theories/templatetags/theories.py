from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from theories.models import Theory

register = template.Library()


@register.simple_tag(takes_context=True)
def shown_title(context: dict[str, Any], theory: Theory) -> str:
    """The title, unless it would spoil: tagged with an episode this reader has not seen,
    or marked a spoiler for a reader who hides spoiler titles."""
    watched = context.get("watched")
    episode = getattr(theory, "episode", None)
    if watched is not None and watched.would_spoil(episode):
        return _("Spoiler for %(episode)s (title hidden)") % {"episode": episode.code}
    user = context.get("user")
    if theory.spoiler and getattr(user, "spoiler_preference", "ask") == "hide":
        return _("Spoiler theory (title hidden)")
    return theory.title
