from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory

from characters.models import Character
from discussion.models import COMMENT_MAX_LENGTH
from episodes.forms import episode_field
from moderation.models import ContentStatus, RemovalReason
from quotes.models import Quote
from search.models import SearchKind
from theories.models import Stance, Theory
from theories.services import CitationInput
from verdicts.models import MAX_PROBABILITY, MIN_PROBABILITY


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


class QuoteSuggestForm(forms.Form):
    text = forms.CharField(
        label="Exact words",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Copy them exactly as published, without your own changes.",
    )
    speaker = forms.CharField(max_length=120, help_text="Who said it, e.g. Lee Jae-gyu.")
    original_text = forms.CharField(
        label="Original-language text",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="If it was said in Korean (or another language), the original words.",
    )
    characters = forms.ModelMultipleChoiceField(
        queryset=Character.objects.only("name", "slug").order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Characters the quote is about.",
    )
    outlet = forms.CharField(max_length=120, help_text="Newspaper, site or channel.")
    title = forms.CharField(label="Article title", max_length=300)
    url = forms.URLField(label="Link", max_length=500, required=False, assume_scheme="https")
    published_on = forms.DateField(
        label="Publication date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    language = forms.CharField(
        max_length=35, required=False, help_text="Language of the source, e.g. ko or en."
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if url and not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError("Links must start with https:// or http://.")
        return url


class QuoteFilterForm(forms.Form):
    speaker = forms.ChoiceField(required=False)
    character = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, speakers: list[str], characters: list[Character], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].choices = [("", "Anyone")] + [(s, s) for s in speakers]
        self.fields["character"].choices = [("", "Any character")] + [
            (c.slug, c.name) for c in characters
        ]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        choices=[("", "— choose —"), *RemovalReason.choices],
        help_text="What is wrong with it?",
    )
    note = forms.CharField(
        label="Details",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional, unless the reason is “Other”. Moderators read this.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("reason") == RemovalReason.OTHER and not (cleaned.get("note") or "").strip():
            self.add_error("note", "Tell the moderators what is wrong.")
        return cleaned


# What can be wrong with a profile: its name, bio or avatar (other reasons fit content only).
PROFILE_REPORT_REASONS = [
    RemovalReason.HARASSMENT,
    RemovalReason.PERSONAL_INFORMATION,
    RemovalReason.SPAM,
    RemovalReason.OTHER,
]


class ProfileReportForm(ReportForm):
    reason = forms.ChoiceField(
        choices=[("", "— choose —"), *((r.value, r.label) for r in PROFILE_REPORT_REASONS)],
        help_text="What is wrong with the name, bio or avatar?",
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Markdown works; no HTML or images. Be kind: argue with the theory, not the fan.",
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    episode = episode_field(help_text="Tag it if it discusses a later episode.")

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if len(body) < 2:
            raise forms.ValidationError("Write a little more.")
        return body


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", max_length=200, required=False)
    kind = forms.ChoiceField(
        label="In", choices=[("", "Everything"), *SearchKind.choices], required=False
    )
    character = forms.ChoiceField(label="About", required=False)

    def __init__(self, *args: Any, characters: list[Character], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["character"].choices = [("", "Anyone")] + [(c.slug, c.name) for c in characters]
