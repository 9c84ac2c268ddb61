"""The choices theories are listed, ranked and judged by."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Sort(models.TextChoices):
    # Translators: the orders the theory list offers.
    HOT = "hot", _("Hot")
    NEW = "new", _("New")
    TOP = "top", _("Top")
    BEST = "best", _("Best")
    CONTROVERSIAL = "controversial", _("Controversial")


class Period(models.TextChoices):
    DAY = "day", _("Today")
    WEEK = "week", _("This week")
    MONTH = "month", _("This month")
    ALL = "all", _("All time")


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

    # Translators: a theory still waiting for the episode that settles it.
    OPEN = "open", pgettext_lazy("theory outcome", "Open")
    CONFIRMED = "confirmed", _("Confirmed")
    PARTLY = "partly", _("Partly confirmed")
    DEBUNKED = "debunked", _("Debunked")
    UNRESOLVABLE = "unresolvable", _("Unresolvable")


# Far more than season 2 will settle; keeps the id list within SQLite's parameter limit.
MAX_RESOLVED_LISTED = 20_000
