"""What verdicts adds to theories, which do not import it: the estimates and the verdict on
a theory's page, and the author's own estimate, given with the theory."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django.http import HttpRequest

from theories.models import Theory
from theories.signals import author_estimate, theory_page
from verdicts import context
from verdicts.models import Estimate
from verdicts.services import write_estimate


@receiver(theory_page, sender=Theory)
def _predictions(
    sender: type, *, request: HttpRequest, theory: Theory, forms: dict[str, Any], **kwargs: Any
) -> dict[str, Any]:
    return {
        "predictions": context.for_theory(theory, request.user, forms.get("predictions")),
        # Permissions cost two queries; only staff can have this one.
        "can_give_verdict": request.user.is_staff and request.user.has_perm("verdicts.add_verdict"),
    }


@receiver(author_estimate, sender=Theory)
def _keep_author_estimate(
    sender: type, *, theory: Theory, created: bool, probability: int | None, **kwargs: Any
) -> None:
    if not created:
        had = Estimate.objects.filter(theory=theory, user=theory.author).values_list(
            "probability", flat=True
        )
        if probability == had.first():
            return
    write_estimate(theory=theory, user=theory.author, probability=probability)
