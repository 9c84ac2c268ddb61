"""The ranking formulas, kept pure so they can be tested against hand-computed values."""

from __future__ import annotations

import math
from datetime import datetime
from statistics import NormalDist

# Reddit's epoch for "hot" (8 December 2005) and its 45 000-second half-day-ish step:
# a score ten times higher is worth 12.5 hours of freshness.
HOT_EPOCH = 1134028003
HOT_STEP = 45000

# "best" is the lower bound of the Wilson score interval at 80 % confidence.
BEST_CONFIDENCE = 0.8
_Z = NormalDist().inv_cdf(1 - (1 - BEST_CONFIDENCE) / 2)


def hot(score: int, created: datetime) -> float:
    order = math.log10(max(abs(score), 1))
    sign = (score > 0) - (score < 0)
    return round(sign * order + (created.timestamp() - HOT_EPOCH) / HOT_STEP, 7)


def best(upvotes: int, downvotes: int) -> float:
    n = upvotes + downvotes
    if n == 0:
        return 0.0
    phat = upvotes / n
    z2 = _Z * _Z
    centre = phat + z2 / (2 * n)
    spread = _Z * math.sqrt((phat * (1 - phat) + z2 / (4 * n)) / n)
    return round((centre - spread) / (1 + z2 / n), 7)


def controversy(upvotes: int, downvotes: int) -> float:
    """Many votes, evenly split, rank highest; one-sided votes are not controversial."""
    if upvotes <= 0 or downvotes <= 0:
        return 0.0
    balance = downvotes / upvotes if upvotes > downvotes else upvotes / downvotes
    return round(float(upvotes + downvotes) ** balance, 7)
