"""Track records: Brier scores, calibration and the leaderboard.

A prediction is a stated probability p (0–1) that a theory comes true, and the verdict's
truth o: 1 confirmed, 0.5 partly confirmed, 0 debunked (unresolvable verdicts are not
scored). The Brier score is the mean of (p − o)² — 0 is perfect, 0.25 is what always
saying 50 % earns, lower is better.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Avg, Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import User
from theories.choices import Outcome
from theories.models import Theory
from verdicts.models import OUTCOME_TRUTH, Estimate

BIN_COUNT = 10


@dataclass(frozen=True)
class Prediction:
    stated: float  # 0–1
    truth: float  # 0, 0.5 or 1


def brier(predictions: Sequence[Prediction]) -> float | None:
    if not predictions:
        return None
    return sum((p.stated - p.truth) ** 2 for p in predictions) / len(predictions)


@dataclass(frozen=True)
class Bin:
    lower: float
    upper: float
    count: int
    mean_stated: float | None  # the average probability given in this bin
    observed: float | None  # how often (on average) those theories came true


def calibration(predictions: Iterable[Prediction], bins: int = BIN_COUNT) -> list[Bin]:
    """Predictions grouped by stated probability into equal-width bins (the last one closed)."""
    grouped: list[list[Prediction]] = [[] for _ in range(bins)]
    for prediction in predictions:
        grouped[min(int(prediction.stated * bins), bins - 1)].append(prediction)
    result = []
    for index, members in enumerate(grouped):
        count = len(members)
        result.append(
            Bin(
                lower=index / bins,
                upper=(index + 1) / bins,
                count=count,
                mean_stated=sum(p.stated for p in members) / count if count else None,
                observed=sum(p.truth for p in members) / count if count else None,
            )
        )
    return result


def predictions_of(user: User) -> list[Prediction]:
    rows = Estimate.objects.scored().filter(user=user).values_list("probability", "theory__outcome")
    return [Prediction(probability / 100, OUTCOME_TRUTH[outcome]) for probability, outcome in rows]


def called_it(user: User) -> list[Theory]:
    """Confirmed theories the fan posted before the episode that settled them aired."""
    return list(
        Theory.objects.published()
        .filter(author=user, outcome=Outcome.CONFIRMED, created__lt=F("locked_at"))
        .select_related("decided_by", "episode")
        .order_by("created", "pk")
    )


@dataclass(frozen=True)
class Standing:
    user: User
    predictions: int
    brier: float
    called_it: int


def leaderboard(limit: int = 100) -> list[Standing]:
    """Fans with enough scored predictions, best (lowest) Brier score first. Two queries."""
    called = (
        Theory.objects.published()
        .filter(author=OuterRef("user"), outcome=Outcome.CONFIRMED, created__lt=F("locked_at"))
        .values("author")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = list(
        Estimate.objects.scored()
        .with_squared_error()
        .values("user")
        .annotate(
            predictions=Count("pk"),
            brier=Avg("squared_error"),
            called_it=Coalesce(Subquery(called), Value(0)),
        )
        .filter(predictions__gte=settings.LEADERBOARD_MIN_PREDICTIONS)
        .order_by("brier", "-predictions", "user")[:limit]
    )
    users = User.objects.in_bulk([row["user"] for row in rows])
    return [
        Standing(
            user=users[row["user"]],
            predictions=row["predictions"],
            brier=row["brier"],
            called_it=row["called_it"],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    r: float
    bin: Bin


CHART_SIZE = 200  # the plot's side in SVG units; the template adds room for the axes


def chart_points(bins: Sequence[Bin]) -> list[ChartPoint]:
    """Where each non-empty bin sits: stated probability across, how often it came true up;
    the area of the dot grows with the number of predictions in it."""
    return [
        ChartPoint(
            x=round(b.mean_stated * CHART_SIZE, 1),
            y=round((1 - b.observed) * CHART_SIZE, 1),
            r=round(3 + 2.5 * b.count**0.5, 1),
            bin=b,
        )
        for b in bins
        if b.count and b.mean_stated is not None and b.observed is not None
    ]


@dataclass(frozen=True)
class TrackRecord:
    predictions: int
    brier: float | None
    bins: list[Bin]
    points: list[ChartPoint]
    called_it: list[Theory]


def track_record(user: User) -> TrackRecord:
    """Everything a profile shows about a fan's predictions, in two queries."""
    predictions = predictions_of(user)
    bins = calibration(predictions)
    return TrackRecord(
        predictions=len(predictions),
        brier=brier(predictions),
        bins=bins,
        points=chart_points(bins),
        called_it=called_it(user),
    )
