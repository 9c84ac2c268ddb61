"""How far a reader has watched, and which episode-tagged things would spoil it for them.

Signed-in fans keep it on their account; anonymous readers in their session (one click on
any spoiler notice). Nobody who has not said otherwise is assumed to have watched all of
season 1: anything tagged with a later episode is collapsed for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _

from episodes.models import Episode

SESSION_KEY = "watched"


@dataclass(frozen=True)
class Watched:
    season: int  # 0: nothing watched yet
    episode: int | None = None  # None: the whole season

    @classmethod
    def parse(cls, text: str) -> Watched | None:
        """ "2-3" is season 2 up to episode 3, "1" the whole of season 1, "0" nothing."""
        season_text, _, episode_text = text.partition("-")
        try:
            season = int(season_text)
            episode = int(episode_text) if episode_text else None
        except ValueError:
            return None
        if not 0 <= season <= 99 or (episode is not None and not 1 <= episode <= 999):
            return None
        if season == 0 and episode is not None:
            return None
        return cls(season, episode)

    @classmethod
    def through(cls, episode: Episode) -> Watched:
        return cls(episode.season, episode.number)

    @property
    def key(self) -> str:
        return str(self.season) if self.episode is None else f"{self.season}-{self.episode}"

    @property
    def label(self) -> str:
        if self.season == 0:
            return _("nothing yet")
        if self.episode is None:
            return _("all of season %(season)d") % {"season": self.season}
        return _("season %(season)d up to episode %(episode)d") % {
            "season": self.season,
            "episode": self.episode,
        }

    def later_q(self, field: str) -> Q:
        """Rows whose episode in `field` this reader has not seen (for `.exclude()`)."""
        if self.season == 0:
            return Q(**{f"{field}__isnull": False})
        later = Q(**{f"{field}__season__gt": self.season})
        if self.episode is not None:
            later |= Q(**{f"{field}__season": self.season, f"{field}__number__gt": self.episode})
        return later

    def would_spoil(self, episode: Episode | None) -> bool:
        if episode is None:
            return False
        if episode.season != self.season:
            return episode.season > self.season
        return self.episode is not None and episode.number > self.episode


DEFAULT = Watched(1)


def for_request(request: HttpRequest) -> Watched:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return Watched(user.watched_season, user.watched_episode)
    stored = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    return (Watched.parse(stored) if isinstance(stored, str) else None) or DEFAULT


def context(request: HttpRequest) -> dict[str, Watched]:
    """Template context processor: `watched` on every page."""
    return {"watched": for_request(request)}
