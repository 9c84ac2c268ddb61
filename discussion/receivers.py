"""The comments on a theory's page, which theories renders without importing discussion."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django.http import HttpRequest

from discussion import threads
from discussion.forms import CommentForm
from theories.models import Theory
from theories.signals import theory_page


@receiver(theory_page, sender=Theory)
def _comments(
    sender: type, *, request: HttpRequest, theory: Theory, forms: dict[str, Any], **kwargs: Any
) -> dict[str, Any]:
    comments, comments_next = threads.page(request, theory)
    return {
        "comments": comments,
        "comments_next": comments_next,
        "comment_form": forms.get("comments") or CommentForm(),
    }
