from __future__ import annotations

from typing import Any

from django import forms

from characters.models import Character
from search.models import SearchKind


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", max_length=200, required=False)
    kind = forms.ChoiceField(
        label="In", choices=[("", "Everything"), *SearchKind.choices], required=False
    )
    character = forms.ChoiceField(label="About", required=False)

    def __init__(self, *args: Any, characters: list[Character], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["character"].choices = [("", "Anyone")] + [(c.slug, c.name) for c in characters]
