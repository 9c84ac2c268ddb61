"""What theories announce to the apps built on them, which theories never import."""

from django.dispatch import Signal

# Sent (sender=Theory) while a theory page renders, with `request`, `theory` and `forms`: the
# form a POST to one part of the page shows again, under that part's name ("comments",
# "predictions"). Each receiver returns the context its part of the page needs: discussion the
# comments, verdicts the estimates and the verdict.
theory_page = Signal()

# Sent (sender=Theory) inside the transaction that writes a theory, with `theory`, `created`
# and `probability`: the author's own estimate (None: not given, or withdrawn), which verdicts
# keeps as the author's estimate.
author_estimate = Signal()
