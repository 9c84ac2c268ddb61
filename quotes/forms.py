from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from characters.models import Character


class QuoteSuggestForm(forms.Form):
    text = forms.CharField(
        label=_("Exact words"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Copy them exactly as published, without your own changes."),
    )
    speaker = forms.CharField(
        label=_("Speaker"), max_length=120, help_text=_("Who said it, e.g. Lee Jae-gyu.")
    )
    original_text = forms.CharField(
        label=_("Original-language text"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("If it was said in Korean (or another language), the original words."),
    )
    characters = forms.ModelMultipleChoiceField(
        label=_("Characters"),
        queryset=Character.objects.only("name", "hangul_name", "slug").order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Characters the quote is about."),
    )
    outlet = forms.CharField(
        label=_("Outlet"), max_length=120, help_text=_("Newspaper, site or channel.")
    )
    title = forms.CharField(label=_("Article title"), max_length=300)
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    published_on = forms.DateField(
        label=_("Publication date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    language = forms.CharField(
        label=_("Language"),
        max_length=35,
        required=False,
        help_text=_("Language of the source, e.g. ko or en."),
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if url and not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(
                _("Links must start with https:// or http://."), code="scheme"
            )
        return url


class QuoteFilterForm(forms.Form):
    speaker = forms.ChoiceField(label=_("Speaker"), required=False)
    character = forms.ChoiceField(label=_("Character"), required=False)

    def __init__(self, *args: Any, speakers: list[str], characters: list[Character], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].choices = [("", gettext("Anyone"))] + [(s, s) for s in speakers]
        self.fields["character"].choices = [("", gettext("Any character"))] + [
            (c.slug, c.name) for c in characters
        ]
