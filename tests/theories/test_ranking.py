"""The formulas against values worked out by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from theories import ranking

EPOCH = datetime.fromtimestamp(ranking.HOT_EPOCH, tz=UTC)


def test_hot_is_log_score_plus_age_in_45000_second_steps() -> None:
    created = datetime.fromtimestamp(ranking.HOT_EPOCH + 450_000, tz=UTC)  # 10 steps

    assert ranking.hot(0, created) == 10.0
    assert ranking.hot(1, created) == 10.0  # log10(1) = 0
    assert ranking.hot(10, created) == 11.0
    assert ranking.hot(100, created) == 12.0
    assert ranking.hot(-100, created) == 8.0


def test_hot_favours_a_newer_theory_over_ten_times_the_votes_12_5_hours_older() -> None:
    older = datetime(2026, 1, 1, tzinfo=UTC)
    newer = datetime.fromtimestamp(older.timestamp() + 45_001, tz=UTC)

    assert ranking.hot(10, newer) > ranking.hot(100, older)


@pytest.mark.parametrize(
    ("up", "down", "expected"),
    [
        (0, 0, 0.0),
        # n=1, p=1, z=1.2815516: (1 + z²/2 − z·sqrt(z²/4)) / (1 + z²) = 1 / (1 + z²)
        (1, 0, 0.3784),
        # n=10, p=0.9, z²=1.64237: centre 0.9 + z²/20 = 0.98212,
        # spread z·sqrt((0.09 + z²/40)/10) = 0.14672, (0.98212 − 0.14672)/(1 + z²/10) = 0.71756
        (9, 1, 0.7176),
        # n=100, p=0.5: centre 0.50821, spread 0.06429, divided by 1.01642 → 0.43644
        (50, 50, 0.4364),
        (0, 5, 0.0),
    ],
)
def test_best_is_the_wilson_lower_bound_at_80_percent(up: int, down: int, expected: float) -> None:
    assert ranking.best(up, down) == pytest.approx(expected, abs=5e-4)


def test_best_prefers_a_large_consistent_majority_over_a_tiny_perfect_one() -> None:
    assert ranking.best(90, 10) > ranking.best(3, 0)


@pytest.mark.parametrize(
    ("up", "down", "expected"),
    [
        (10, 0, 0.0),  # one-sided
        (0, 10, 0.0),
        (10, 10, 20.0),  # evenly split: magnitude ** 1
        (10, 5, 15**0.5),  # balance 0.5
        (5, 10, 15**0.5),
    ],
)
def test_controversy_rewards_many_votes_evenly_split(up: int, down: int, expected: float) -> None:
    assert ranking.controversy(up, down) == pytest.approx(expected)
