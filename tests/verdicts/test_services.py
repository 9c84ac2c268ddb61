"""Estimates, airing, locking, verdicts and their reversal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest.mock import patch

import pytest
from django.utils import timezone

from accounts.models import User
from discussion.models import Comment
from moderation.models import ActionKind, ContentStatus, ModerationAction
from notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.episodes.factories import AiredEpisodeFactory, EpisodeFactory
from tests.quotes.factories import QuoteFactory
from tests.theories.factories import TheoryFactory
from tests.verdicts.factories import EstimateFactory
from theories.choices import Outcome
from theories.models import Theory
from theories.services import TheoryLocked, edit_theory, set_deciding_episode
from verdicts import scoring
from verdicts.models import Estimate, Verdict
from verdicts.services import (
    EstimateRefused,
    VerdictRefused,
    give_verdict,
    mark_aired,
    mark_not_aired,
    median,
    reverse_verdict,
    set_estimate,
)


def _edit(theory: Theory, **changes: object) -> Theory:
    fields = {
        "title": theory.title,
        "body": theory.body,
        "spoiler": False,
        "characters": [],
        "citations": [],
        **changes,
    }
    return edit_theory(theory=theory, **fields)


@contextmanager
def freeze(moment: datetime) -> Iterator[None]:
    with patch("django.utils.timezone.now", return_value=moment):
        yield


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    assert median([]) is None
    assert median([70]) == 70
    assert median([90, 10, 40]) == 40
    assert median([20, 80, 50, 60]) == 55


@pytest.mark.django_db
def test_a_fan_gives_changes_and_withdraws_an_estimate(other_fan: User) -> None:
    theory = TheoryFactory()

    set_estimate(user=other_fan, theory=theory, probability=30)
    set_estimate(user=other_fan, theory=theory, probability=65)
    assert Estimate.objects.get(theory=theory, user=other_fan).probability == 65
    assert Estimate.objects.count() == 1

    set_estimate(user=other_fan, theory=theory, probability=None)
    assert not Estimate.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("probability", [0, 4, 96, 100])
def test_an_estimate_outside_five_to_ninety_five_is_refused(
    other_fan: User, probability: int
) -> None:
    with pytest.raises(EstimateRefused):
        set_estimate(user=other_fan, theory=TheoryFactory(), probability=probability)
    assert not Estimate.objects.exists()


@pytest.mark.django_db
def test_airing_the_deciding_episode_locks_text_and_estimates(
    author: User, other_fan: User, moderator: User
) -> None:
    episode = EpisodeFactory()
    theory = TheoryFactory(author=author)
    set_deciding_episode(theory=theory, episode=episode)
    set_estimate(user=other_fan, theory=theory, probability=40)

    locked = mark_aired(episode=episode, moderator=moderator)

    theory.refresh_from_db()
    assert locked == 1 and theory.is_locked
    with pytest.raises(EstimateRefused, match="locked"):
        set_estimate(user=other_fan, theory=theory, probability=90)
    with pytest.raises(TheoryLocked):
        _edit(theory, body="Rewritten after the fact to match what aired.")
    theory.refresh_from_db()
    assert theory.body != "Rewritten after the fact to match what aired."
    assert Estimate.objects.get(user=other_fan).probability == 40
    assert ModerationAction.objects.filter(kind=ActionKind.EPISODE_AIRED).count() == 1


@pytest.mark.django_db
def test_marking_an_episode_not_aired_reopens_its_theories(moderator: User) -> None:
    episode = EpisodeFactory()
    theory = TheoryFactory()
    set_deciding_episode(theory=theory, episode=episode)
    mark_aired(episode=episode, moderator=moderator)

    mark_not_aired(episode=episode, moderator=moderator)

    theory.refresh_from_db()
    assert not theory.is_locked


@pytest.mark.django_db
def test_the_verdict_judges_the_revision_live_when_the_episode_aired(
    author: User, moderator: User
) -> None:
    theory = TheoryFactory(author=author, created=timezone.now() - timedelta(days=5))
    theory = _edit(theory, body="The version that was live when the episode aired.")
    episode = AiredEpisodeFactory(aired_at=timezone.now())
    later = timezone.now() + timedelta(seconds=1)
    # Edited after airing, before anyone tied the theory to the episode:
    theory.revisions.create(title=theory.title, body="Hindsight.", created=later)

    verdict = give_verdict(
        theory=theory,
        outcome=Outcome.CONFIRMED,
        episode=episode,
        explanation="It happened in the last scene.",
        moderator=moderator,
        timestamp="41:05",
        quote=QuoteFactory(),
    )

    assert verdict.judged_revision.body == "The version that was live when the episode aired."
    theory.refresh_from_db()
    assert (theory.outcome, theory.decided_by, theory.locked_at) == (
        Outcome.CONFIRMED,
        episode,
        episode.aired_at,
    )


@pytest.mark.django_db
def test_estimates_changed_after_airing_do_not_count(
    author: User, other_fan: User, moderator: User
) -> None:
    theory = TheoryFactory(author=author, created=timezone.now() - timedelta(days=5))
    episode = AiredEpisodeFactory(aired_at=timezone.now() - timedelta(hours=1))
    early = UserFactory()
    EstimateFactory(theory=theory, user=early, updated=timezone.now() - timedelta(days=1))
    set_estimate(user=other_fan, theory=theory, probability=95)  # after airing, before the tie

    give_verdict(
        theory=theory,
        outcome=Outcome.CONFIRMED,
        episode=episode,
        explanation="Seen on screen.",
        moderator=moderator,
    )

    assert list(Estimate.objects.scored().values_list("user", flat=True)) == [early.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("unaired", "not been marked aired"),
        ("unverified quote", "verified quote"),
        ("hidden theory", "published theory"),
        ("no explanation", "Explain"),
        ("open outcome", "Choose"),
    ],
)
def test_a_verdict_that_cannot_stand_is_refused(
    author: User, moderator: User, setup: str, message: str
) -> None:
    theory = TheoryFactory(author=author)
    kwargs: dict[str, object] = {
        "theory": theory,
        "outcome": Outcome.CONFIRMED,
        "episode": AiredEpisodeFactory(),
        "explanation": "It aired.",
        "moderator": moderator,
    }
    if setup == "unaired":
        kwargs["episode"] = EpisodeFactory()
    elif setup == "unverified quote":
        kwargs["quote"] = QuoteFactory(verified=False)
    elif setup == "hidden theory":
        Theory.objects.filter(pk=theory.pk).update(status=ContentStatus.HIDDEN)
    elif setup == "no explanation":
        kwargs["explanation"] = "   "
    else:
        kwargs["outcome"] = Outcome.OPEN

    with pytest.raises(VerdictRefused, match=message):
        give_verdict(**kwargs)

    assert not Verdict.objects.exists()
    theory.refresh_from_db()
    assert theory.outcome == Outcome.OPEN and theory.locked_at is None


@pytest.mark.django_db
def test_a_second_verdict_is_refused_until_the_first_is_reversed(
    author: User, moderator: User
) -> None:
    theory = TheoryFactory(author=author)
    episode = AiredEpisodeFactory()
    first = give_verdict(
        theory=theory,
        outcome=Outcome.DEBUNKED,
        episode=episode,
        explanation="x",
        moderator=moderator,
    )
    with pytest.raises(VerdictRefused, match="already"):
        give_verdict(
            theory=theory,
            outcome=Outcome.CONFIRMED,
            episode=episode,
            explanation="y",
            moderator=moderator,
        )

    reverse_verdict(verdict=first, moderator=moderator, reason="Misread the scene.")
    theory.refresh_from_db()
    assert theory.outcome == Outcome.OPEN and theory.is_locked  # the episode still aired
    give_verdict(
        theory=theory,
        outcome=Outcome.CONFIRMED,
        episode=episode,
        explanation="y",
        moderator=moderator,
    )

    theory.refresh_from_db()
    assert theory.outcome == Outcome.CONFIRMED
    assert Verdict.objects.standing().count() == 1 and Verdict.objects.count() == 2
    kinds = list(ModerationAction.objects.order_by("pk").values_list("kind", "note"))
    assert [k for k, _ in kinds] == ["verdict", "verdict_reversed", "verdict"]
    assert "Misread the scene." in kinds[1][1]


@pytest.mark.django_db
def test_reversing_needs_a_reason(author: User, moderator: User) -> None:
    verdict = give_verdict(
        theory=TheoryFactory(author=author),
        outcome=Outcome.DEBUNKED,
        episode=AiredEpisodeFactory(),
        explanation="x",
        moderator=moderator,
    )
    with pytest.raises(VerdictRefused):
        reverse_verdict(verdict=verdict, moderator=moderator, reason=" ")
    verdict.refresh_from_db()
    assert verdict.reversed_at is None


@pytest.mark.django_db
def test_author_commenters_and_estimators_are_told_once_each(
    author: User, other_fan: User, moderator: User
) -> None:
    theory = TheoryFactory(author=author)
    commenter, muted = UserFactory(), UserFactory(muted_notifications=["verdict"])
    for fan in (commenter, commenter, other_fan):
        Comment.objects.create(theory=theory, author=fan, body="Hm.")
    for fan in (other_fan, muted, author):
        EstimateFactory(theory=theory, user=fan)

    give_verdict(
        theory=theory,
        outcome=Outcome.CONFIRMED,
        episode=AiredEpisodeFactory(),
        explanation="x",
        moderator=moderator,
    )

    told = sorted(Notification.objects.filter(kind="verdict").values_list("recipient", flat=True))
    assert told == sorted([author.pk, commenter.pk, other_fan.pk])
    assert all(
        User.objects.get(pk=pk).unread_notifications == 1 for pk in told
    )  # the counter moved with them


@pytest.mark.django_db
def test_an_estimate_withdrawn_or_changed_after_airing_is_judged_as_it_stood(
    author: User, other_fan: User, moderator: User
) -> None:
    """The theory was not tied to an episode in advance, so it stayed open after airing; the
    fan saw they were wrong and withdrew. The verdict still judges what they said before."""
    theory = TheoryFactory(author=author, created=timezone.now() - timedelta(days=5))
    with freeze(timezone.now() - timedelta(days=2)):
        set_estimate(user=other_fan, theory=theory, probability=90)
    episode = AiredEpisodeFactory(aired_at=timezone.now() - timedelta(days=1))
    set_estimate(user=other_fan, theory=theory, probability=10)  # after airing
    set_estimate(user=other_fan, theory=theory, probability=None)  # and withdrawn

    give_verdict(
        theory=theory,
        outcome=Outcome.DEBUNKED,
        episode=episode,
        explanation="It did not happen.",
        moderator=moderator,
    )

    scored = Estimate.objects.scored().get(user=other_fan)
    assert scored.probability == 90
    assert scoring.track_record(other_fan).brier == pytest.approx(0.81)
