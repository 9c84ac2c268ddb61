"""Episodes, fans' estimates and the moderators' verdicts on theories.

A theory is *locked* from the moment the episode that decides it is marked aired: its text
and its estimates can no longer change, and the revision live at that moment is the one
judged. Estimates count towards a fan's record only if they were last changed before then.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from episodes.models import Episode
from moderation.models import ContentStatus
from quotes.models import Quote
from theories.choices import MAX_PROBABILITY, MIN_PROBABILITY, Outcome
from theories.models import Theory, TheoryRevision

VERDICT_OUTCOMES = [c for c in Outcome.choices if c[0] != Outcome.OPEN]

# How far each verdict says the theory came true. Unresolvable verdicts are not scored.
OUTCOME_TRUTH = {Outcome.CONFIRMED: 1.0, Outcome.PARTLY: 0.5, Outcome.DEBUNKED: 0.0}


def truth_expression(field: str = "theory__outcome") -> Case:
    return Case(
        *(When(**{field: outcome}, then=Value(truth)) for outcome, truth in OUTCOME_TRUTH.items()),
        output_field=FloatField(),
    )


class EstimateQuerySet(models.QuerySet["Estimate"]):
    def scored(self) -> EstimateQuerySet:
        """Estimates on live theories with a scored verdict, made before the theory locked."""
        return self.filter(
            theory__outcome__in=list(OUTCOME_TRUTH),
            theory__status=ContentStatus.PUBLISHED,
            theory__deleted_at__isnull=True,
            updated__lte=F("theory__locked_at"),
        )

    def with_squared_error(self) -> EstimateQuerySet:
        stated = Cast("probability", FloatField()) / 100.0
        error = stated - truth_expression()
        return self.annotate(squared_error=error * error)


class Estimate(models.Model):
    """How likely one fan thinks a theory is; the author's own figure is one of these."""

    theory = models.ForeignKey(Theory, on_delete=models.CASCADE, related_name="estimates")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="estimates"
    )
    probability = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_PROBABILITY), MaxValueValidator(MAX_PROBABILITY)],
        help_text=_("Per cent."),
    )
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)

    objects = EstimateQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["theory", "user"], name="estimate_one_per_fan"),
            models.CheckConstraint(
                condition=Q(probability__gte=MIN_PROBABILITY, probability__lte=MAX_PROBABILITY),
                name="estimate_probability_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.probability} % on {self.theory_id}"


class EstimateChange(models.Model):
    """Every estimate given, changed or withdrawn (probability empty), as it happened.

    A theory without a deciding episode set in advance stays open after that episode airs,
    until the verdict names it; the verdict then puts back each fan's estimate as it stood at
    air time, so changing or withdrawing a wrong one afterwards changes nothing.
    """

    theory = models.ForeignKey(Theory, on_delete=models.CASCADE, related_name="estimate_changes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    probability = models.PositiveSmallIntegerField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["theory", "at"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.probability} % on {self.theory_id} at {self.at:%Y-%m-%d}"


TIMESTAMP_VALIDATOR = RegexValidator(
    r"^(\d{1,2}:)?[0-5]?\d:[0-5]\d$", _("Write the time in the episode as 12:34 or 1:02:03.")
)


class VerdictQuerySet(models.QuerySet["Verdict"]):
    def standing(self) -> VerdictQuerySet:
        return self.filter(reversed_at__isnull=True)

    def recent(self) -> VerdictQuerySet:
        return (
            self.standing()
            .filter(theory__status=ContentStatus.PUBLISHED, theory__deleted_at__isnull=True)
            .select_related("theory__author", "theory__episode", "episode")
            .order_by("-created", "-pk")
        )


class Verdict(models.Model):
    """A moderator's judgement of a theory, citing the episode that settles it."""

    theory = models.ForeignKey(
        Theory, on_delete=models.CASCADE, related_name="verdicts", verbose_name=_("theory")
    )
    outcome = models.CharField(_("outcome"), max_length=14, choices=VERDICT_OUTCOMES)
    episode = models.ForeignKey(
        Episode,
        on_delete=models.PROTECT,
        related_name="verdicts",
        verbose_name=_("episode"),
        help_text=_("The aired episode that settles it."),
    )
    timestamp = models.CharField(
        _("timestamp"),
        max_length=8,
        blank=True,
        validators=[TIMESTAMP_VALIDATOR],
        help_text=_("Where in the episode, e.g. 41:05 (optional)."),
    )
    quote = models.ForeignKey(
        Quote,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verdicts",
        limit_choices_to={"verified": True, "status": ContentStatus.PUBLISHED},
        verbose_name=_("quote"),
        help_text=_("A verified quote that bears it out (optional)."),
    )
    explanation = models.TextField(
        _("explanation"), max_length=1000, help_text=_("A few sentences: what happened.")
    )
    judged_revision = models.ForeignKey(
        TheoryRevision,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("judged revision"),
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("moderator"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    reversed_at = models.DateTimeField(_("reversed at"), null=True, blank=True)
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reversed by"),
    )
    reversal_reason = models.CharField(_("reversal reason"), max_length=300, blank=True)

    objects = VerdictQuerySet.as_manager()

    class Meta:
        verbose_name = _("verdict")
        verbose_name_plural = _("verdicts")
        ordering = ["-created", "-pk"]
        constraints = [
            # Two moderators submitting at once cannot both decide a theory.
            models.UniqueConstraint(
                fields=["theory"],
                condition=Q(reversed_at__isnull=True),
                name="verdict_one_standing_per_theory",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.theory}"

    @property
    def moderation_title(self) -> str:
        return self.theory.title
