from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from episodes.models import Episode
from episodes.spoilers import Watched


def episode_field(**kwargs: object) -> forms.ModelChoiceField:
    """“Mentions events up to”: the aired episodes, for tagging spoilers."""
    return forms.ModelChoiceField(
        queryset=Episode.objects.filter(aired_at__isnull=False).order_by("-season", "-number"),
        required=False,
        label=_("Mentions events up to"),
        empty_label=_("Nothing past season 1"),
        **kwargs,
    )


def watched_choices() -> list[tuple[str, str]]:
    """Nothing, each season whole, and each episode of the seasons after the first."""
    choices = [("0", gettext("Nothing yet"))]
    episodes = list(Episode.objects.order_by("season", "number").only("season", "number"))
    seasons = sorted({e.season for e in episodes} | {1})
    for season in seasons:
        if season > 1:
            choices += [
                (
                    f"{season}-{e.number}",
                    gettext("Season %(season)d, up to episode %(episode)d")
                    % {"season": season, "episode": e.number},
                )
                for e in episodes
                if e.season == season
            ]
        choices.append((str(season), gettext("All of season %(season)d") % {"season": season}))
    return choices


class WatchedForm(forms.Form):
    through = forms.ChoiceField(label=_("I have watched"))
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["through"].choices = watched_choices()

    def watched(self) -> Watched:
        # Every choice offered parses; a tampered value failed validation before this.
        return Watched.parse(self.cleaned_data["through"]) or Watched(1)
