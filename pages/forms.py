"""The account settings form: the fan's own preferences, and what they follow of every app."""

from __future__ import annotations

from zoneinfo import available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import refuse_lookalike, refuse_reserved
from accounts.models import SpoilerPreference, User
from aouad_site.forms import PictureField
from episodes.forms import watched_choices
from notifications.models import NotificationKind

# Every region/city zone (not the legacy aliases), and UTC.
ZONES = [
    (zone, zone.replace("_", " "))
    for zone in sorted(available_timezones())
    if "/" in zone and zone.split("/")[0] not in ("Etc", "SystemV", "US", "Brazil", "Canada")
] + [("UTC", "UTC")]


class SettingsForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        required=False,
        help_text=_("Shown instead of your username. Optional."),
    )
    bio = forms.CharField(
        label=_("About you"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few words for your profile. Plain text."),
    )
    avatar = PictureField(
        label=_("Avatar"),
        required=False,
        help_text=_(
            "JPEG, PNG or WebP, at most 5 MB. Location data and other metadata are removed."
        ),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my avatar"), required=False)
    spoiler_preference = forms.ChoiceField(
        label=_("Spoilers"), choices=SpoilerPreference.choices, widget=forms.RadioSelect
    )
    watched = forms.ChoiceField(
        label=_("I have watched"),
        required=False,
        help_text=_("Theories, comments and verdicts about later episodes stay folded away."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        help_text=_(
            "The zone the site shows times in. Without one: UTC on the English site, "
            "Korea's time (KST) on the Korean site."
        ),
    )
    notify = forms.MultipleChoiceField(
        label=_("Tell me when"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick what you would rather not hear about."),
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["notify"].choices = NotificationKind.choices
        self.fields["watched"].choices = watched_choices()
        self.fields["time_zone"].choices = [("", _("By the site's language")), *ZONES]

    def clean_display_name(self) -> str:
        # Shown instead of the username, so it may not pass for someone else's username.
        name = self.cleaned_data["display_name"].strip()
        if name:
            refuse_lookalike(name, keep_out=self.user)
            if not self.user.is_staff:
                refuse_reserved(name)
        return name
