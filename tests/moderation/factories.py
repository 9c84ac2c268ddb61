from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from tests.accounts.factories import UserFactory
from tests.discussion.factories import CommentFactory


def established_fan(**fields: object) -> User:
    """A fan whose reports weigh toward hiding: past NEW_ACCOUNT_DAYS, with a published comment."""
    joined = timezone.now() - timedelta(days=settings.NEW_ACCOUNT_DAYS + 1)
    fan = UserFactory(date_joined=joined, **fields)
    CommentFactory(author=fan)
    return fan
