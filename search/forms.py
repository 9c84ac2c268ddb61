from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from characters.models import Character
from search.models import SearchKind


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    kind = forms.ChoiceField(
        # Translators: the search form's "In: Everything / Theories / Quotes / Characters".
        label=pgettext_lazy("search in", "In"),
        choices=[("", _("Everything")), *SearchKind.choices],
        required=False,
    )
    # Translators: the search form's "About: Anyone / <character>".
    character = forms.ChoiceField(label=pgettext_lazy("search about", "About"), required=False)

    def __init__(self, *args: Any, characters: list[Character], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["character"].choices = [("", gettext("Anyone"))] + [
            (c.slug, c.name) for c in characters
        ]
