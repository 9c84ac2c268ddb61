from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory

from characters.models import Character
from episodes.forms import episode_field
from moderation.models import ContentStatus
from quotes.models import Quote, Stance
from theories.choices import MAX_PROBABILITY, MIN_PROBABILITY
from theories.models import Theory
from theories.services import CitationInput


class TheoryForm(forms.Form):
    title = forms.CharField(
        max_length=160,
        help_text="One sentence that says what you think will happen.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.CharField(
        label="Your theory",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Markdown works: *emphasis*, **bold**, lists, [links](https://…). "
        "No HTML or images.",
    )
    characters = forms.ModelMultipleChoiceField(
        queryset=Character.objects.only("name", "slug").order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Who the theory is about.",
    )
    spoiler = forms.BooleanField(
        label="Contains spoilers",
        required=False,
        help_text="Readers see the title and must choose to reveal the text.",
    )
    episode = episode_field(
        help_text="If it talks about an episode after season 1, fans who have not watched that "
        "far see it folded away."
    )
    confidence = forms.IntegerField(
        label="How likely is it? (per cent)",
        min_value=MIN_PROBABILITY,
        max_value=MAX_PROBABILITY,
        required=False,
        widget=forms.NumberInput(attrs={"step": 5, "inputmode": "numeric"}),
        help_text=f"Optional, {MIN_PROBABILITY}–{MAX_PROBABILITY}. When season 2 settles it, "
        "your estimate counts towards your track record.",
    )

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if len(title) < 8:
            raise forms.ValidationError("Make the title a little longer (at least 8 characters).")
        return title

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if len(body) < 20:
            raise forms.ValidationError("Say a little more: at least 20 characters.")
        return body


class CitationForm(forms.Form):
    quote = forms.ModelChoiceField(
        queryset=Quote.objects.filter(status=ContentStatus.PUBLISHED)
        .select_related("source")
        .order_by("-verified", "speaker", "pk"),
        required=False,
        empty_label="— no quote —",
    )
    stance = forms.ChoiceField(choices=Stance.choices, widget=forms.RadioSelect, required=False)
    note = forms.CharField(
        label="Why",
        max_length=280,
        required=False,
        help_text="A sentence on how the quote bears on the theory.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("quote"):
            if not cleaned.get("stance"):
                self.add_error(
                    "stance", "Say whether the quote supports or contradicts the theory."
                )
            if not (cleaned.get("note") or "").strip():
                self.add_error("note", "Add a short note on why it does.")
        return cleaned


class BaseCitationFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[int] = set()
        for form in self.forms:
            quote = form.cleaned_data.get("quote")
            if quote is None:
                continue
            if quote.pk in seen:
                form.add_error("quote", "This quote is already cited above.")
            seen.add(quote.pk)

    def citations(self) -> list[CitationInput]:
        return [
            CitationInput(
                quote=f.cleaned_data["quote"],
                stance=f.cleaned_data["stance"],
                note=f.cleaned_data["note"],
            )
            for f in self.forms
            if f.cleaned_data.get("quote")
        ]


CitationFormSet = formset_factory(
    CitationForm, formset=BaseCitationFormSet, extra=3, max_num=10, absolute_max=10
)


def citation_initial(theory: Theory) -> list[dict[str, Any]]:
    return [
        {"quote": c.quote_id, "stance": c.stance, "note": c.note} for c in theory.citations.all()
    ]
