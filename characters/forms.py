from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aouad_site.forms import PictureField
from characters.models import Character


class CharacterAdminForm(forms.ModelForm):
    new_portrait = PictureField(
        required=False,
        label=_("Upload a portrait"),
        help_text=_(
            "JPEG, PNG or WebP, at most 5 MB and 25 million pixels. "
            "It is re-encoded without its metadata (location included)."
        ),
    )

    class Meta:
        model = Character
        fields = [
            "name",
            "hangul_name",
            "slug",
            "actor",
            "role",
            "status",
            "season1_fate",
            "bio",
            "portrait_alt",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        has_portrait = bool(cleaned.get("new_portrait")) or bool(self.instance.portrait)
        if has_portrait and not (cleaned.get("portrait_alt") or "").strip():
            self.add_error(
                "portrait_alt", _("Describe the portrait for readers who cannot see it.")
            )
        return cleaned
