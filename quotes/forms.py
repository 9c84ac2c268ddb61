from __future__ import annotations

from typing import Any

from django import forms

from characters.models import Character


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
