"""The show's episodes: what spoiler warnings and verdicts are measured against."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Episode(models.Model):
    season = models.PositiveSmallIntegerField(_("season"), validators=[MinValueValidator(1)])
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=160, blank=True)
    air_date = models.DateField(
        _("air date"), null=True, blank=True, help_text=_("The announced release date, if known.")
    )
    aired_at = models.DateTimeField(
        _("aired at"),
        null=True,
        blank=True,
        help_text=_(
            "Set through “Mark as aired”: from then on the theories it decides are locked."
        ),
    )

    class Meta:
        verbose_name = _("episode")
        verbose_name_plural = _("episodes")
        db_table = "verdicts_episode"  # its table from before it left the verdicts app
        ordering = ["season", "number"]
        constraints = [
            models.UniqueConstraint(fields=["season", "number"], name="episode_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.code} “{self.title}”" if self.title else self.code

    @property
    def code(self) -> str:
        # Translators: an episode's short name, "S2 E3": season 2, episode 3.
        return gettext("S%(season)d E%(number)d") % {"season": self.season, "number": self.number}

    @property
    def has_aired(self) -> bool:
        return self.aired_at is not None and self.aired_at <= timezone.now()

    @property
    def moderation_title(self) -> str:
        return gettext("Episode %(episode)s") % {"episode": self}
