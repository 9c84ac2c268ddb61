from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from episodes.models import Episode
from moderation.models import ContentStatus
from quotes.models import Quote
from theories.choices import MAX_PROBABILITY, MIN_PROBABILITY
from theories.models import Theory
from verdicts.models import Verdict


def _probability_help() -> str:
    return gettext("How likely you think it is, from %(min)d to %(max)d %%.") % {
        "min": MIN_PROBABILITY,
        "max": MAX_PROBABILITY,
    }


class EstimateForm(forms.Form):
    probability = forms.IntegerField(
        label=_("Your estimate (per cent)"),
        min_value=MIN_PROBABILITY,
        max_value=MAX_PROBABILITY,
        required=False,
        help_text=lazy(_probability_help, str)(),
        widget=forms.NumberInput(attrs={"step": 5, "inputmode": "numeric"}),
    )
    withdraw = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        missing = not cleaned.get("withdraw") and cleaned.get("probability") is None
        if missing and "probability" not in self.errors:
            self.add_error(
                "probability",
                gettext("Give a number from %(min)d to %(max)d.")
                % {"min": MIN_PROBABILITY, "max": MAX_PROBABILITY},
            )
        return cleaned


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
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the moderation log and to the fans who are told."),
    )
