"""The show's episodes: what spoiler warnings and verdicts are measured against."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone


class Episode(models.Model):
    season = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    title = models.CharField(max_length=160, blank=True)
    air_date = models.DateField(
        null=True, blank=True, help_text="The announced release date, if known."
    )
    aired_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set through “Mark as aired”: from then on the theories it decides are locked.",
    )

    class Meta:
        db_table = "verdicts_episode"  # its table from before it left the verdicts app
        ordering = ["season", "number"]
        constraints = [
            models.UniqueConstraint(fields=["season", "number"], name="episode_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.code} “{self.title}”" if self.title else self.code

    @property
    def code(self) -> str:
        return f"S{self.season} E{self.number}"

    @property
    def has_aired(self) -> bool:
        return self.aired_at is not None and self.aired_at <= timezone.now()

    @property
    def moderation_title(self) -> str:
        return f"Episode {self}"
