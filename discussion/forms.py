from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from discussion.models import COMMENT_MAX_LENGTH
from episodes.forms import episode_field


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Markdown works; no HTML or images. Be kind: argue with the theory, not the fan."
        ),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    episode = episode_field(help_text=_("Tag it if it discusses a later episode."))

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if len(body) < 2:
            raise forms.ValidationError(_("Write a little more."), code="short")
        return body
