from __future__ import annotations

from django import forms

from episodes.models import Episode
from moderation.models import ContentStatus
from quotes.models import Quote
from theories.models import Theory
from verdicts.models import MAX_PROBABILITY, MIN_PROBABILITY, Verdict
from verdicts.spoilers import Watched


def episode_field(**kwargs: object) -> forms.ModelChoiceField:
    """“Mentions events up to”: the aired episodes, for tagging spoilers."""
    return forms.ModelChoiceField(
        queryset=Episode.objects.filter(aired_at__isnull=False).order_by("-season", "-number"),
        required=False,
        label="Mentions events up to",
        empty_label="Nothing past season 1",
        **kwargs,
    )


class EstimateForm(forms.Form):
    probability = forms.IntegerField(
        label="Your estimate (per cent)",
        min_value=MIN_PROBABILITY,
        max_value=MAX_PROBABILITY,
        required=False,
        help_text=f"How likely you think it is, from {MIN_PROBABILITY} to {MAX_PROBABILITY} %.",
        widget=forms.NumberInput(attrs={"step": 5, "inputmode": "numeric"}),
    )
    withdraw = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        missing = not cleaned.get("withdraw") and cleaned.get("probability") is None
        if missing and "probability" not in self.errors:
            self.add_error("probability", "Give a number from 5 to 95.")
        return cleaned


def watched_choices() -> list[tuple[str, str]]:
    """Nothing, each season whole, and each episode of the seasons after the first."""
    choices = [("0", "Nothing yet")]
    episodes = list(Episode.objects.order_by("season", "number").only("season", "number"))
    seasons = sorted({e.season for e in episodes} | {1})
    for season in seasons:
        if season > 1:
            choices += [
                (f"{season}-{e.number}", f"Season {season}, up to episode {e.number}")
                for e in episodes
                if e.season == season
            ]
        choices.append((str(season), f"All of season {season}"))
    return choices


class WatchedForm(forms.Form):
    through = forms.ChoiceField(label="I have watched")
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["through"].choices = watched_choices()

    def watched(self) -> Watched:
        # Every choice offered parses; a tampered value failed validation before this.
        return Watched.parse(self.cleaned_data["through"]) or Watched(1)


class VerdictForm(forms.ModelForm):
    """The admin's form: only aired episodes and verified quotes can be cited."""

    class Meta:
        model = Verdict
        fields = ["theory", "outcome", "episode", "timestamp", "quote", "explanation"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if "episode" in self.fields:
            self.fields["episode"].queryset = Episode.objects.filter(
                aired_at__isnull=False
            ).order_by("-season", "-number")
        if "quote" in self.fields:
            self.fields["quote"].queryset = Quote.objects.filter(
                verified=True, status=ContentStatus.PUBLISHED
            ).select_related("source")
        if "theory" in self.fields:
            self.fields["theory"].queryset = Theory.objects.published()


class ReverseVerdictForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown in the moderation log and to the fans who are told.",
    )
