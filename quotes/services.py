"""A fan's suggestion of a quote, and a moderator's check of it against its source."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction

from accounts.models import User
from characters.models import Character
from moderation.models import ContentStatus
from moderation.standing import is_trusted
from quotes.models import Quote, Source


@transaction.atomic
def suggest_quote(
    *,
    user: User,
    text: str,
    speaker: str,
    original_text: str,
    characters: Sequence[Character],
    outlet: str,
    title: str,
    url: str,
    published_on: date | None,
    language: str,
) -> Quote:
    """A fan's suggestion: stored unverified, with its source found or created.

    Like theories, suggestions from fans not yet trusted wait for a moderator.
    """
    source, _ = Source.objects.get_or_create(
        outlet=outlet.strip(),
        title=title.strip(),
        defaults={"url": url, "published_on": published_on, "language": language},
    )
    quote = Quote.objects.create(
        text=text.strip(),
        speaker=speaker.strip(),
        original_text=original_text.strip(),
        source=source,
        suggested_by=user,
        verified=False,
        status=ContentStatus.PUBLISHED if is_trusted(user) else ContentStatus.PENDING,
    )
    quote.characters.set(characters)
    if quote.status == ContentStatus.PUBLISHED:
        quote.invalidate_pages()
    return quote
