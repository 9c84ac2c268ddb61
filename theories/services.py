"""Writes that touch several rows: each one atomic, typed and keyword-only."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import limits
from accounts.models import User
from aouad_site.languages import written_in
from characters.models import Character
from episodes.models import Episode
from moderation.models import ContentStatus
from moderation.standing import is_trusted
from quotes.models import Quote, Stance
from theories.models import Citation, Theory, TheoryRevision, Vote
from theories.signals import author_estimate

# A second identical submission within this window is the same theory (a double click).
DUPLICATE_WINDOW = timedelta(minutes=10)


@dataclass(frozen=True)
class CitationInput:
    quote: Quote
    stance: Stance | str
    note: str


class TheoryLocked(Exception):
    """The theory's deciding episode has aired; it can no longer be edited."""


class VoteRefused(Exception):
    """The vote cannot be cast; the message says why."""

    def __init__(self, message: str, theory: Theory) -> None:
        super().__init__(message)
        self.theory = theory


class NotOpenForVotes(VoteRefused):
    """The theory is not public (pending, hidden, removed or deleted)."""


class DailyLimitReached(VoteRefused):
    """The fan has cast today's allowance of votes."""


@dataclass(frozen=True)
class VoteResult:
    score: int
    upvotes: int
    downvotes: int
    my_vote: int  # 1, -1, or 0 when withdrawn
    theory: Theory  # as locked for the vote, with the new counts


def _replace_citations(theory: Theory, citations: Iterable[CitationInput]) -> None:
    theory.citations.all().delete()
    Citation.objects.bulk_create(
        Citation(theory=theory, quote=c.quote, stance=c.stance, note=c.note.strip())
        for c in citations
    )


@transaction.atomic
def create_theory(
    *,
    author: User,
    title: str,
    body: str,
    spoiler: bool,
    characters: Sequence[Character],
    citations: Sequence[CitationInput],
    episode: Episode | None = None,
    confidence: int | None = None,
    language: str = "",
) -> tuple[Theory, bool]:
    """Post a theory; returns it and whether it is new.

    Resubmitting the same title and text soon after returns the first one (a double click).
    Until the author has enough approved theories, a new one waits for a moderator. Without a
    `language` the text tells which it is written in.
    """
    duplicate = (
        Theory.objects.filter(
            author=author,
            title=title,
            body=body,
            deleted_at__isnull=True,
            created__gte=timezone.now() - DUPLICATE_WINDOW,
        )
        .order_by("pk")
        .first()
    )
    if duplicate is not None:
        return duplicate, False
    status = ContentStatus.PUBLISHED if is_trusted(author) else ContentStatus.PENDING
    theory = Theory.objects.create(
        author=author,
        title=title,
        body=body,
        spoiler=spoiler,
        status=status,
        episode=episode,
        language=language or written_in(title, body),
    )
    theory.characters.set(characters)
    _replace_citations(theory, citations)
    TheoryRevision.objects.create(theory=theory, title=title, body=body, created=theory.created)
    if confidence is not None:
        author_estimate.send(sender=Theory, theory=theory, created=True, probability=confidence)
    if status == ContentStatus.PUBLISHED:
        theory.invalidate_pages()
    return theory, True


@transaction.atomic
def edit_theory(
    *,
    theory: Theory,
    title: str,
    body: str,
    spoiler: bool,
    characters: Sequence[Character],
    citations: Sequence[CitationInput],
    episode: Episode | None = None,
    confidence: int | None = None,
    language: str = "",
) -> Theory:
    """Change a theory; a new revision is kept whenever its words change.

    Once the episode that decides it has aired, nothing about it can change.
    """
    theory = Theory.objects.select_for_update().get(pk=theory.pk)
    if theory.is_locked or theory.is_resolved:
        raise TheoryLocked(_("This theory is locked: the episode that decides it has aired."))
    text_changed = (title, body) != (theory.title, theory.body)
    theory.title, theory.body, theory.spoiler, theory.episode = title, body, spoiler, episode
    theory.language = language or written_in(title, body)
    now = timezone.now()
    if text_changed:
        theory.edited_at = now
        TheoryRevision.objects.create(theory=theory, title=title, body=body, created=now)
    theory.save()
    theory.characters.set(characters)
    _replace_citations(theory, citations)
    author_estimate.send(sender=Theory, theory=theory, created=False, probability=confidence)
    theory.invalidate_pages()
    return theory


@transaction.atomic
def delete_theory(*, theory: Theory) -> None:
    """Soft delete: gone from every public page, still there for moderators.

    Not once it is locked: fans' estimates on it count towards their records."""
    if theory.is_locked or theory.is_resolved:
        raise TheoryLocked(_("A locked theory cannot be deleted."))
    if theory.deleted_at is None:
        theory.deleted_at = timezone.now()
        theory.save(update_fields=["deleted_at"])
        theory.invalidate_pages()


@transaction.atomic
def cast_vote(
    *, user: User, theory_id: int, value: int, within_daily_limit: bool = False
) -> VoteResult:
    """Vote +1/−1; the same value again withdraws the vote, the other value switches it.

    With `within_daily_limit` the vote counts towards the fan's daily allowance, in this
    transaction: refused once it is used up, and a vote not cast counts nothing.

    The theory row is locked first (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE
    transactions hold the write lock from the start), so concurrent votes queue up and the
    ranks worked out from the locked row are right. The unique constraint on (user, theory)
    stays the last line of defence. Votes invalidate no cached page: anonymous readers see
    scores at most PAGE_CACHE_SECONDS old. Raises Theory.DoesNotExist for no such theory.
    """
    if value not in (1, -1):
        raise ValueError("A vote is 1 or -1.")
    theory = Theory.objects.select_for_update().only(*_VOTE_FIELDS).get(pk=theory_id)
    if not theory.is_live:
        raise NotOpenForVotes(_("This theory is not open for votes."), theory)
    if theory.author_id == user.pk:
        raise VoteRefused(_("You cannot vote on your own theory."), theory)
    if within_daily_limit and not limits.take(user, "vote"):
        raise DailyLimitReached(limits.message(user, "vote"), theory)

    try:
        existing = Vote.objects.get(user=user, theory_id=theory_id)
    except Vote.DoesNotExist:
        existing = None
    if existing is None:
        Vote.objects.create(user=user, theory_id=theory_id, value=value)
        my_vote = value
        up, down = (1, 0) if value == 1 else (0, 1)
    elif existing.value == value:
        Vote.objects.filter(pk=existing.pk).delete()
        my_vote = 0
        up, down = (-1, 0) if value == 1 else (0, -1)
    else:
        Vote.objects.filter(pk=existing.pk).update(value=value)
        my_vote = value
        up, down = (1, -1) if value == 1 else (-1, 1)
    theory.upvotes += up
    theory.downvotes += down
    theory.score = theory.upvotes - theory.downvotes
    theory.rerank()
    # The row is locked: what was worked out from it is what the row now holds.
    Theory.objects.filter(pk=theory_id).update(
        score=theory.score,
        upvotes=theory.upvotes,
        downvotes=theory.downvotes,
        hot=theory.hot,
        best=theory.best,
        controversy=theory.controversy,
    )
    return VoteResult(
        score=theory.score,
        upvotes=theory.upvotes,
        downvotes=theory.downvotes,
        my_vote=my_vote,
        theory=theory,
    )


# What a vote reads of the theory it locks (and the vote widget then shows).
_VOTE_FIELDS = (
    "author",
    "status",
    "deleted_at",
    "created",
    "score",
    "upvotes",
    "downvotes",
    "title",
    "slug",
    "spoiler",
    "episode",
)


def set_deciding_episode(*, theory: Theory, episode: Episode | None) -> None:
    """Say in advance which episode will settle a theory (it locks when that one airs)."""
    if theory.is_resolved:
        raise TheoryLocked(_("This theory already has a verdict; reverse it first."))
    theory.decided_by = episode
    theory.locked_at = episode.aired_at if episode is not None else None
    theory.save(update_fields=["decided_by", "locked_at"])
    theory.invalidate_pages()
