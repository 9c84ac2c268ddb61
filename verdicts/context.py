"""What a theory page shows about predictions: estimates, the lock and the verdict."""

from __future__ import annotations

from dataclasses import dataclass

from theories.models import Theory
from verdicts.forms import EstimateForm
from verdicts.models import Verdict
from verdicts.services import median


@dataclass
class Predictions:
    author_estimate: int | None
    community_median: float | None
    community_count: int
    mine: int | None
    verdict: Verdict | None
    form: EstimateForm


def for_theory(theory: Theory, user: object, form: EstimateForm | None = None) -> Predictions:
    """Two queries at most: the estimates, and the standing verdict when there is one."""
    rows = list(theory.estimates.values_list("user_id", "probability"))
    by_user = dict(rows)
    fans = [p for user_id, p in rows if user_id != theory.author_id]
    user_id = getattr(user, "pk", None)
    mine = by_user.get(user_id) if user_id is not None else None
    verdict = None
    if theory.is_resolved:
        verdict = (
            Verdict.objects.standing()
            .filter(theory=theory)
            .select_related("episode", "quote__source", "judged_revision")
            .first()
        )
    return Predictions(
        author_estimate=by_user.get(theory.author_id),
        community_median=median(fans),
        community_count=len(fans),
        mine=mine,
        verdict=verdict,
        form=form or EstimateForm(initial={"probability": mine}),
    )
