"""Fans' reports and the moderators' queue forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from moderation.models import RemovalReason
from moderation.queue import kinds


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", _("— choose —")), *RemovalReason.choices],
        help_text=_("What is wrong with it?"),
    )
    note = forms.CharField(
        label=_("Details"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional, unless the reason is “Other”. Moderators read this."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("reason") == RemovalReason.OTHER and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Tell the moderators what is wrong."))
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
        label=_("Reason"),
        choices=[("", _("— choose —")), *((r.value, r.label) for r in PROFILE_REPORT_REASONS)],
        help_text=_("What is wrong with the name, bio or avatar?"),
    )


class ActionForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", _("— reason (needed to remove) —")), *RemovalReason.choices],
        required=False,
    )
    note = forms.CharField(max_length=300, required=False, label=_("Note (shown to the author)"))


class QueueFilter(forms.Form):
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=lambda: [("", _("Everything")), *((k, k) for k in kinds())],
    )
    language = forms.ChoiceField(
        label=_("Written in"),
        required=False,
        choices=[("", _("Any language")), *settings.LANGUAGES],
    )
    page = forms.IntegerField(required=False, min_value=1)
