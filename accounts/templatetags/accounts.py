from django import template

from accounts.models import User

register = template.Library()


@register.filter
def avatar(user: User, width: int) -> str:
    return user.avatar_url(int(width))
