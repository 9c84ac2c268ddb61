"""Brier scores and calibration bins against values worked out by hand."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, Settings

from accounts.models import User
from tests.accounts.factories import UserFactory
from tests.episodes.factories import AiredEpisodeFactory
from tests.theories.factories import TheoryFactory
from tests.verdicts.factories import EstimateFactory
from theories.choices import Outcome
from verdicts import scoring
from verdicts.scoring import Prediction
from verdicts.services import give_verdict


def test_brier_of_nothing_is_none() -> None:
    assert scoring.brier([]) is None


def test_brier_is_the_mean_squared_error() -> None:
    # (0.7−1)² = 0.09, (0.2−0)² = 0.04, (0.6−0.5)² = 0.01, (0.9−0)² = 0.81 → 0.95 / 4
    predictions = [
        Prediction(0.7, 1.0),
        Prediction(0.2, 0.0),
        Prediction(0.6, 0.5),
        Prediction(0.9, 0.0),
    ]
    assert scoring.brier(predictions) == pytest.approx(0.2375)


def test_always_saying_fifty_per_cent_scores_a_quarter() -> None:
    assert scoring.brier([Prediction(0.5, 1.0), Prediction(0.5, 0.0)]) == pytest.approx(0.25)


def test_calibration_bins_group_by_stated_probability() -> None:
    predictions = [
        Prediction(0.05, 0.0),  # bin 0
        Prediction(0.15, 0.0),  # bin 1
        Prediction(0.15, 1.0),  # bin 1
        Prediction(0.70, 1.0),  # bin 7
        Prediction(0.75, 0.5),  # bin 7
        Prediction(0.75, 0.0),  # bin 7
        Prediction(0.95, 1.0),  # bin 9
        Prediction(1.00, 1.0),  # bin 9: the last bin includes 100 %
    ]
    bins = scoring.calibration(predictions)

    assert [b.count for b in bins] == [1, 2, 0, 0, 0, 0, 0, 3, 0, 2]
    assert (bins[1].mean_stated, bins[1].observed) == (pytest.approx(0.15), 0.5)
    # stated (0.70 + 0.75 + 0.75) / 3 = 0.7333…; came true (1 + 0.5 + 0) / 3 = 0.5
    assert bins[7].mean_stated == pytest.approx(0.73333, abs=1e-4)
    assert bins[7].observed == pytest.approx(0.5)
    assert bins[9].mean_stated == pytest.approx(0.975)
    assert bins[9].observed == 1.0
    assert bins[2].mean_stated is None and bins[2].observed is None
    assert (bins[3].lower, bins[3].upper) == (0.3, 0.4)


def test_chart_points_sit_where_the_bins_say() -> None:
    bins = scoring.calibration([Prediction(0.25, 1.0), Prediction(0.25, 0.0)])

    [point] = scoring.chart_points(bins)

    # across: 0.25 of 200; up: observed 0.5 → halfway down 200
    assert (point.x, point.y) == (50.0, 100.0)
    assert point.bin.count == 2


def _resolve(*, author: User, outcome: str, estimates: dict[User, int], moderator: User) -> None:
    theory = TheoryFactory(author=author, created=timezone.now() - timedelta(days=3))
    for fan, probability in estimates.items():
        EstimateFactory(
            theory=theory,
            user=fan,
            probability=probability,
            updated=timezone.now() - timedelta(days=2),
        )
    give_verdict(
        theory=theory,
        outcome=outcome,
        episode=AiredEpisodeFactory(),
        explanation="Shown on screen.",
        moderator=moderator,
    )


@pytest.mark.django_db
def test_a_fans_record_counts_only_scored_estimates(author: User, moderator: User) -> None:
    fan = UserFactory()
    _resolve(author=author, outcome=Outcome.CONFIRMED, estimates={fan: 80}, moderator=moderator)
    _resolve(author=author, outcome=Outcome.DEBUNKED, estimates={fan: 30}, moderator=moderator)
    _resolve(author=author, outcome=Outcome.PARTLY, estimates={fan: 50}, moderator=moderator)
    _resolve(author=author, outcome=Outcome.UNRESOLVABLE, estimates={fan: 90}, moderator=moderator)

    record = scoring.track_record(fan)

    # (0.8−1)² = 0.04, (0.3−0)² = 0.09, (0.5−0.5)² = 0 → 0.13 / 3; unresolvable not counted
    assert record.predictions == 3
    assert record.brier == pytest.approx(0.13 / 3)


@pytest.mark.django_db
@pytest.mark.parametrize("fans", [3, 12])
def test_the_leaderboard_runs_in_two_queries_and_ranks_lowest_brier_first(
    author: User,
    moderator: User,
    settings: Settings,
    django_assert_num_queries: DjangoAssertNumQueries,
    fans: int,
) -> None:
    settings.LEADERBOARD_MIN_PREDICTIONS = 2
    people = UserFactory.create_batch(fans)
    newcomer = UserFactory()
    for outcome in (Outcome.CONFIRMED, Outcome.DEBUNKED):
        stated = {
            fan: (90 - 3 * n if outcome == Outcome.CONFIRMED else 10 + 3 * n)
            for n, fan in enumerate(people)
        }
        _resolve(
            author=author, outcome=outcome, estimates={**stated, newcomer: 50}, moderator=moderator
        )
    _resolve(author=UserFactory(), outcome=Outcome.CONFIRMED, estimates={}, moderator=moderator)

    # 1. estimates grouped by fan with their Brier score and called-it count
    # 2. those fans
    with django_assert_num_queries(2):
        standings = scoring.leaderboard()

    assert [s.user for s in standings[:fans]] == people  # each one a little worse than the last
    assert standings[0].brier == pytest.approx(0.01)  # (0.9−1)² and (0.1−0)²
    assert all(s.predictions == 2 for s in standings)
    assert newcomer in [s.user for s in standings]
    newcomer_standing = next(s for s in standings if s.user == newcomer)
    assert newcomer_standing.brier == pytest.approx(0.25)


@pytest.mark.django_db
def test_fans_below_the_minimum_are_not_ranked(
    author: User, moderator: User, settings: Settings
) -> None:
    settings.LEADERBOARD_MIN_PREDICTIONS = 2
    fan = UserFactory()
    _resolve(author=author, outcome=Outcome.CONFIRMED, estimates={fan: 70}, moderator=moderator)

    assert scoring.leaderboard() == []


@pytest.mark.django_db
def test_called_it_lists_confirmed_theories_posted_before_the_episode_earliest_first(
    author: User, moderator: User
) -> None:
    early = TheoryFactory(author=author, created=timezone.now() - timedelta(days=9))
    later = TheoryFactory(author=author, created=timezone.now() - timedelta(days=4))
    episode = AiredEpisodeFactory(aired_at=timezone.now() - timedelta(days=1))
    hindsight = TheoryFactory(author=author)  # posted after the episode aired
    debunked = TheoryFactory(author=author, created=timezone.now() - timedelta(days=5))
    for theory in (later, early, hindsight):
        give_verdict(
            theory=theory,
            outcome=Outcome.CONFIRMED,
            episode=episode,
            explanation="It happened.",
            moderator=moderator,
        )
    give_verdict(
        theory=debunked,
        outcome=Outcome.DEBUNKED,
        episode=episode,
        explanation="It did not.",
        moderator=moderator,
    )

    assert scoring.called_it(author) == [early, later]
