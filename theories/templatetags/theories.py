from django import template

from theories.models import Theory

register = template.Library()


@register.filter
def shown_title(theory: Theory, user: object) -> str:
    """The title, unless the reader hides spoilers and this theory is one."""
    if theory.spoiler and getattr(user, "spoiler_preference", "ask") == "hide":
        return "Spoiler theory (title hidden)"
    return theory.title
