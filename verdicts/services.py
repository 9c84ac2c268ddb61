"""Writes for episodes, estimates and verdicts: each one atomic, typed and keyword-only."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from datetime import datetime
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from aouad_site import pagecache
from episodes.models import Episode
from moderation.actions import log_action
from moderation.models import ActionKind, ContentStatus
from notifications.models import NotificationKind
from notifications.services import notify_many
from quotes.models import Quote
from theories.choices import MAX_PROBABILITY, MIN_PROBABILITY, Outcome
from theories.models import Theory, TheoryRevision
from verdicts.models import Estimate, EstimateChange, Verdict


class EstimateRefused(Exception):
    """The estimate cannot be changed; the message says why."""


class VerdictRefused(Exception):
    """The verdict cannot be given or reversed; the message says why."""


def locked_message(theory: Theory) -> str:
    episode = theory.decided_by
    if episode is None:
        return _("This theory was locked: it and its estimates can no longer change.")
    return _(
        "This theory was locked when %(episode)s aired: it and its estimates can no longer change."
    ) % {"episode": episode.code}


# --- estimates ----------------------------------------------------------------


@transaction.atomic
def set_estimate(*, user: User, theory: Theory, probability: int | None) -> Estimate | None:
    """Give, change or (with None) withdraw a fan's estimate while the theory is open."""
    theory = (
        Theory.objects.select_for_update(of=("self",))
        .select_related("decided_by")
        .get(pk=theory.pk)
    )
    if not theory.is_live:
        raise EstimateRefused(_("This theory is not open for estimates."))
    if theory.is_locked or theory.is_resolved:
        raise EstimateRefused(locked_message(theory))
    if probability is not None and not MIN_PROBABILITY <= probability <= MAX_PROBABILITY:
        raise EstimateRefused(
            _("An estimate is between %(min)d and %(max)d per cent.")
            % {"min": MIN_PROBABILITY, "max": MAX_PROBABILITY}
        )
    return write_estimate(theory=theory, user=user, probability=probability)


def write_estimate(*, theory: Theory, user: User, probability: int | None) -> Estimate | None:
    """Store a fan's estimate (None withdraws it) and keep the change in its history.
    Callers check the theory is open and hold its row lock."""
    now = timezone.now()
    EstimateChange.objects.create(theory=theory, user=user, probability=probability, at=now)
    if probability is None:
        Estimate.objects.filter(theory=theory, user=user).delete()
        return None
    estimate, _ = Estimate.objects.update_or_create(
        theory=theory,
        user=user,
        defaults={"probability": probability, "updated": now},
        create_defaults={"probability": probability, "updated": now, "created": now},
    )
    return estimate


def _restore_estimates(theory: Theory, at: datetime) -> None:
    """Put each fan's estimate back as it stood at `at` (per its history): the ones judged."""
    standing: dict[int, tuple[int | None, datetime]] = {}
    changes = EstimateChange.objects.filter(theory=theory, at__lte=at).order_by("at", "pk")
    for user_id, probability, when in changes.values_list("user_id", "probability", "at"):
        standing[user_id] = (probability, when)
    for user_id, (probability, when) in standing.items():
        if probability is None:
            Estimate.objects.filter(theory=theory, user_id=user_id).delete()
            continue
        Estimate.objects.update_or_create(
            theory=theory,
            user_id=user_id,
            defaults={"probability": probability, "updated": when},
            create_defaults={"probability": probability, "updated": when, "created": when},
        )


def median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


# --- episodes -----------------------------------------------------------------


def _invalidate_decided_by(episode: Episode) -> None:
    decided = Theory.objects.filter(decided_by=episode).values_list("pk", flat=True)
    pagecache.invalidate(*(f"theory:{pk}" for pk in decided), listings=True)


@transaction.atomic
def mark_aired(*, episode: Episode, moderator: User | None, at: datetime | None = None) -> int:
    """The episode is out: lock every theory it decides. Returns how many locked."""
    episode.aired_at = at or timezone.now()
    episode.save(update_fields=["aired_at"])
    locked = Theory.objects.filter(decided_by=episode).update(locked_at=episode.aired_at)
    _invalidate_decided_by(episode)
    with translation.override(settings.LANGUAGE_CODE):  # the log's one language
        note = _("%(count)d theories locked.") % {"count": locked} if locked else ""
    log_action(moderator=moderator, kind=ActionKind.EPISODE_AIRED, item=episode, note=note)
    return locked


@transaction.atomic
def mark_not_aired(*, episode: Episode, moderator: User | None) -> int:
    """Undo a mistaken “aired”: theories it decides reopen unless a verdict stands on them."""
    if Verdict.objects.standing().filter(episode=episode).exists():
        raise VerdictRefused(
            _("%(episode)s is cited by a standing verdict; reverse that verdict first.")
            % {"episode": episode.code}
        )
    episode.aired_at = None
    episode.save(update_fields=["aired_at"])
    reopened = Theory.objects.filter(decided_by=episode).update(locked_at=None)
    _invalidate_decided_by(episode)
    log_action(moderator=moderator, kind=ActionKind.EPISODE_UNAIRED, item=episode)
    return reopened


@transaction.atomic
# --- verdicts -----------------------------------------------------------------


def judged_revision(theory: Theory, at: datetime) -> TheoryRevision | None:
    """The text as it stood at `at` (the first text, for a theory posted after that)."""
    revisions = TheoryRevision.objects.filter(theory=theory)
    return (
        revisions.filter(created__lte=at).order_by("-created", "-pk").first()
        or revisions.order_by("created", "pk").first()
    )


def _interested(theory: Theory) -> list[User]:
    """The author, everyone who commented and everyone who estimated."""
    return list(
        User.objects.filter(
            Q(pk=theory.author_id)
            | Q(comments__theory=theory, comments__status=ContentStatus.PUBLISHED)
            | Q(estimates__theory=theory)
        )
        .distinct()
        .only("pk", "muted_notifications", "language")
    )


def check_verdict(
    *, theory: Theory, outcome: str, episode: Episode, quote: Quote | None, explanation: str
) -> None:
    """Raise VerdictRefused, saying why, if this verdict cannot be given."""
    if outcome not in Outcome.values or outcome == Outcome.OPEN:
        raise VerdictRefused(_("Choose what the verdict is."))
    if not theory.is_live:
        raise VerdictRefused(_("Only a published theory can be given a verdict."))
    if theory.is_resolved:
        raise VerdictRefused(_("This theory already has a verdict; reverse it first."))
    if not episode.has_aired:
        raise VerdictRefused(
            _("%(episode)s has not been marked aired yet.") % {"episode": episode.code}
        )
    if quote is not None and not (quote.verified and quote.status == ContentStatus.PUBLISHED):
        raise VerdictRefused(_("Only a verified quote can back a verdict."))
    if not explanation.strip():
        raise VerdictRefused(_("Explain the verdict in a sentence or two."))


def _given_text(theory: Theory, episode: Episode) -> str:
    # Which way it went stays on the page, behind the spoiler fold for fans not caught up.
    return _("A verdict was given on “%(title)s”, settled by %(episode)s.") % {
        "title": theory.public_title,
        "episode": episode.code,
    }


def _reversed_text(theory: Theory) -> str:
    return _("The verdict on “%(title)s” was reversed; it is open again.") % {
        "title": theory.public_title
    }


def _announce(
    theory: Theory, *, moderator: User, kind: ActionKind, note: str, text: Callable[[], str]
) -> None:
    """Log a verdict (or its reversal) and tell everyone with a stake in the theory."""
    log_action(moderator=moderator, kind=kind, item=theory, note=note)
    notify_many(
        recipients=_interested(theory),
        kind=NotificationKind.VERDICT,
        text=text,
        url=theory.get_absolute_url(),
        actor=moderator,
    )


@transaction.atomic
def give_verdict(
    *,
    theory: Theory,
    outcome: str,
    episode: Episode,
    explanation: str,
    moderator: User,
    timestamp: str = "",
    quote: Quote | None = None,
) -> Verdict:
    """Resolve a theory, citing the aired episode that settles it.

    The theory locks at that episode's air time; the revision live then is the one judged,
    and estimates changed after it do not count.
    """
    theory = Theory.objects.select_for_update().get(pk=theory.pk)
    check_verdict(
        theory=theory, outcome=outcome, episode=episode, quote=quote, explanation=explanation
    )
    try:
        with transaction.atomic():
            verdict = Verdict.objects.create(
                theory=theory,
                outcome=outcome,
                episode=episode,
                timestamp=timestamp,
                quote=quote,
                explanation=explanation.strip(),
                judged_revision=judged_revision(theory, episode.aired_at),
                moderator=moderator,
            )
    except IntegrityError:
        raise VerdictRefused(_("This theory already has a verdict; reverse it first.")) from None
    _restore_estimates(theory, episode.aired_at)
    theory.outcome = outcome
    theory.decided_by = episode
    theory.locked_at = episode.aired_at
    theory.save(update_fields=["outcome", "decided_by", "locked_at"])
    theory.invalidate_pages()
    with translation.override(settings.LANGUAGE_CODE):  # the log's one language
        note = _("%(outcome)s by %(episode)s: %(explanation)s") % {
            "outcome": verdict.get_outcome_display(),
            "episode": episode.code,
            "explanation": verdict.explanation,
        }
    _announce(
        theory,
        moderator=moderator,
        kind=ActionKind.VERDICT,
        note=note,
        text=partial(_given_text, theory, episode),
    )
    return verdict


@transaction.atomic
def reverse_verdict(*, verdict: Verdict, moderator: User, reason: str) -> None:
    """Take a verdict back (the theory stays locked: its episode has still aired)."""
    if not reason.strip():
        raise VerdictRefused(_("Say why the verdict is reversed."))
    verdict = Verdict.objects.select_for_update().select_related("theory").get(pk=verdict.pk)
    if verdict.reversed_at is not None:
        raise VerdictRefused(_("This verdict is already reversed."))
    verdict.reversed_at = timezone.now()
    verdict.reversed_by = moderator
    verdict.reversal_reason = reason.strip()[:300]
    verdict.save(update_fields=["reversed_at", "reversed_by", "reversal_reason"])
    theory = verdict.theory
    theory.outcome = Outcome.OPEN
    theory.save(update_fields=["outcome"])
    theory.invalidate_pages()
    with translation.override(settings.LANGUAGE_CODE):  # the log's one language
        note = _("%(outcome)s reversed: %(reason)s") % {
            "outcome": verdict.get_outcome_display(),
            "reason": verdict.reversal_reason,
        }
    _announce(
        theory,
        moderator=moderator,
        kind=ActionKind.VERDICT_REVERSED,
        note=note,
        text=partial(_reversed_text, theory),
    )
