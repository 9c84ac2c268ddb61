"""The choices theories are listed, ranked and judged by."""

from __future__ import annotations

from datetime import timedelta

from django.db import models


class Sort(models.TextChoices):
    HOT = "hot", "Hot"
    NEW = "new", "New"
    TOP = "top", "Top"
    BEST = "best", "Best"
    CONTROVERSIAL = "controversial", "Controversial"


class Period(models.TextChoices):
    DAY = "day", "Today"
    WEEK = "week", "This week"
    MONTH = "month", "This month"
    ALL = "all", "All time"


PERIOD_LENGTHS = {
    Period.DAY: timedelta(days=1),
    Period.WEEK: timedelta(days=7),
    Period.MONTH: timedelta(days=30),
}


# The column each sort orders by (descending, ties broken by id, newest first).
SORT_KEYS = {
    Sort.HOT: "hot",
    Sort.NEW: "created",
    Sort.TOP: "score",
    Sort.BEST: "best",
    Sort.CONTROVERSIAL: "controversy",
}


# A fan's estimate of how likely a theory is, in per cent (the author gives one with the
# theory; verdicts keeps everyone's).
MIN_PROBABILITY = 5


MAX_PROBABILITY = 95


RESERVED_SLUGS = {"edit", "delete", "history", "vote", "report", "estimate"}


class Outcome(models.TextChoices):
    """What season 2 made of a theory; kept on the theory from its standing verdict."""

    OPEN = "open", "Open"
    CONFIRMED = "confirmed", "Confirmed"
    PARTLY = "partly", "Partly confirmed"
    DEBUNKED = "debunked", "Debunked"
    UNRESOLVABLE = "unresolvable", "Unresolvable"


# Far more than season 2 will settle; keeps the id list within SQLite's parameter limit.
MAX_RESOLVED_LISTED = 20_000
