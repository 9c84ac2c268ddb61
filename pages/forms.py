"""The account settings form: the fan's own preferences, and what they follow of every app."""

from __future__ import annotations

from django import forms

from accounts.forms import refuse_lookalike, refuse_reserved
from accounts.models import SpoilerPreference, User
from aouad_site.forms import PictureField
from episodes.forms import watched_choices
from notifications.models import NotificationKind


class SettingsForm(forms.Form):
    display_name = forms.CharField(
        max_length=60, required=False, help_text="Shown instead of your username. Optional."
    )
    bio = forms.CharField(
        label="About you",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A few words for your profile. Plain text.",
    )
    avatar = PictureField(
        label="Avatar",
        required=False,
        help_text="JPEG, PNG or WebP, at most 5 MB. Location data and other metadata are removed.",
    )
    remove_avatar = forms.BooleanField(label="Remove my avatar", required=False)
    spoiler_preference = forms.ChoiceField(
        label="Spoilers", choices=SpoilerPreference.choices, widget=forms.RadioSelect
    )
    watched = forms.ChoiceField(
        label="I have watched",
        required=False,
        help_text="Theories, comments and verdicts about later episodes stay folded away.",
    )
    notify = forms.MultipleChoiceField(
        label="Tell me when",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick what you would rather not hear about.",
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["notify"].choices = NotificationKind.choices
        self.fields["watched"].choices = watched_choices()

    def clean_display_name(self) -> str:
        # Shown instead of the username, so it may not pass for someone else's username.
        name = self.cleaned_data["display_name"].strip()
        if name:
            refuse_lookalike(name, keep_out=self.user)
            if not self.user.is_staff:
                refuse_reserved(name)
        return name
