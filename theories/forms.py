from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.forms import formset_factory
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from characters.models import Character
from episodes.forms import episode_field
from moderation.models import ContentStatus
from quotes.models import Quote, Stance
from theories.choices import MAX_PROBABILITY, MIN_PROBABILITY
from theories.models import Theory
from theories.services import CitationInput


def _confidence_help() -> str:
    return gettext(
        "Optional, %(min)d–%(max)d. When season 2 settles it, "
        "your estimate counts towards your track record."
    ) % {"min": MIN_PROBABILITY, "max": MAX_PROBABILITY}


class TheoryForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=160,
        help_text=_("One sentence that says what you think will happen."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.CharField(
        label=_("Your theory"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Markdown works: *emphasis*, **bold**, lists, [links](https://…). No HTML or images."
        ),
    )
    characters = forms.ModelMultipleChoiceField(
        label=_("Characters"),
        queryset=Character.objects.only("name", "hangul_name", "slug").order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who the theory is about."),
    )
    language = forms.ChoiceField(
        label=_("Written in"),
        choices=[("", _("Tell from the text")), *settings.LANGUAGES],
        required=False,
        help_text=_("Readers can list theories by language."),
    )
    spoiler = forms.BooleanField(
        label=_("Contains spoilers"),
        required=False,
        help_text=_("Readers see the title and must choose to reveal the text."),
    )
    episode = episode_field(
        help_text=_(
            "If it talks about an episode after season 1, fans who have not watched that "
            "far see it folded away."
        )
    )
    confidence = forms.IntegerField(
        label=_("How likely is it? (per cent)"),
        min_value=MIN_PROBABILITY,
        max_value=MAX_PROBABILITY,
        required=False,
        widget=forms.NumberInput(attrs={"step": 5, "inputmode": "numeric"}),
        help_text=lazy(_confidence_help, str)(),
    )

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if len(title) < 8:
            raise forms.ValidationError(
                _("Make the title a little longer (at least 8 characters)."), code="short"
            )
        return title

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if len(body) < 20:
            raise forms.ValidationError(
                _("Say a little more: at least 20 characters."), code="short"
            )
        return body


class CitationForm(forms.Form):
    quote = forms.ModelChoiceField(
        label=_("Quote"),
        queryset=Quote.objects.filter(status=ContentStatus.PUBLISHED)
        .select_related("source")
        .order_by("-verified", "speaker", "pk"),
        required=False,
        empty_label=_("— no quote —"),
    )
    stance = forms.ChoiceField(
        label=_("Stance"), choices=Stance.choices, widget=forms.RadioSelect, required=False
    )
    note = forms.CharField(
        label=_("Why"),
        max_length=280,
        required=False,
        help_text=_("A sentence on how the quote bears on the theory."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("quote"):
            if not cleaned.get("stance"):
                self.add_error(
                    "stance", _("Say whether the quote supports or contradicts the theory.")
                )
            if not (cleaned.get("note") or "").strip():
                self.add_error("note", _("Add a short note on why it does."))
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
                form.add_error("quote", _("This quote is already cited above."))
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
