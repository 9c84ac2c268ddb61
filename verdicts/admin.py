"""Episodes and verdicts in the admin. Every change of state goes through verdicts.services,
so it is logged and the theories concerned are locked or reopened with it."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from aouad_site.admin import action_form_page
from episodes.models import Episode
from verdicts import services
from verdicts.forms import ReverseVerdictForm, VerdictForm
from verdicts.models import Verdict


@admin.register(Episode)
class EpisodeAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "air_date", "aired_at", "theories_decided")
    list_filter = ("season", ("aired_at", admin.EmptyFieldListFilter))
    search_fields = ("title",)
    readonly_fields = ("aired_at",)
    actions = ["mark_aired", "mark_not_aired"]

    @admin.display(description=_("episode"), ordering="season")
    def code(self, episode: Episode) -> str:
        return episode.code

    def get_queryset(self, request: HttpRequest) -> QuerySet[Episode]:
        return super().get_queryset(request).annotate(decided_count=Count("decides"))

    @admin.display(description=_("theories it decides"), ordering="decided_count")
    def theories_decided(self, episode: Episode) -> int:
        return episode.decided_count

    def has_delete_permission(self, request: HttpRequest, obj: Episode | None = None) -> bool:
        # An aired or cited episode is part of the record; only a stray draft may go.
        if obj is not None and (obj.aired_at is not None or obj.verdicts.exists()):
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(
        description=_("Mark the selected episodes as aired now (locks their theories)"),
        permissions=["change"],
    )
    def mark_aired(self, request: HttpRequest, queryset: QuerySet[Episode]) -> None:
        locked = 0
        for episode in queryset.filter(aired_at__isnull=True):
            locked += services.mark_aired(episode=episode, moderator=request.user)
        self.message_user(
            request,
            ngettext(
                "Marked as aired; %(count)d theory locked.",
                "Marked as aired; %(count)d theories locked.",
                locked,
            )
            % {"count": locked},
        )

    @admin.action(
        description=_("Mark the selected episodes as not aired (a mistake)"),
        permissions=["change"],
    )
    def mark_not_aired(self, request: HttpRequest, queryset: QuerySet[Episode]) -> None:
        for episode in queryset.filter(aired_at__isnull=False):
            try:
                services.mark_not_aired(episode=episode, moderator=request.user)
            except services.VerdictRefused as refusal:
                self.message_user(request, str(refusal), messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("%(episode)s is marked not aired.") % {"episode": episode.code},
                )


class VerdictAdminForm(VerdictForm):
    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        theory, episode = cleaned.get("theory"), cleaned.get("episode")
        if theory is not None and episode is not None and cleaned.get("outcome"):
            try:
                services.check_verdict(
                    theory=theory,
                    outcome=cleaned["outcome"],
                    episode=episode,
                    quote=cleaned.get("quote"),
                    explanation=cleaned.get("explanation") or "",
                )
            except services.VerdictRefused as refusal:
                raise forms.ValidationError(str(refusal)) from None
        return cleaned


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    form = VerdictAdminForm
    list_display = ("theory", "outcome", "episode", "moderator", "created", "reversed_at")
    list_filter = ("outcome", ("reversed_at", admin.EmptyFieldListFilter), "episode")
    search_fields = ("theory__title", "explanation")
    list_select_related = ("theory", "episode", "moderator")
    autocomplete_fields = ["theory", "quote"]
    actions = ["reverse"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: Verdict | None = None
    ) -> tuple[str, ...]:
        if obj is None:
            return ()
        # A verdict is never edited: it is reversed with a reason and given again.
        return (
            "theory",
            "outcome",
            "episode",
            "timestamp",
            "quote",
            "explanation",
            "judged_revision",
            "moderator",
            "created",
            "reversed_at",
            "reversed_by",
            "reversal_reason",
        )

    def save_model(self, request: HttpRequest, obj: Verdict, form: forms.Form, change: bool):
        if change:
            return
        data = form.cleaned_data
        try:
            saved = services.give_verdict(
                theory=data["theory"],
                outcome=data["outcome"],
                episode=data["episode"],
                explanation=data["explanation"],
                moderator=request.user,
                timestamp=data["timestamp"],
                quote=data["quote"],
            )
        except services.VerdictRefused as refusal:  # something changed since the form checked
            self.message_user(request, str(refusal), messages.ERROR)
            saved = Verdict.objects.filter(theory=data["theory"]).first()
            if saved is None:
                raise PermissionDenied(str(refusal)) from None
        obj.pk = saved.pk

    def has_delete_permission(self, request: HttpRequest, obj: Verdict | None = None) -> bool:
        return False  # verdicts are reversed, with a reason, never deleted

    @admin.action(
        description=_("Reverse the selected verdicts, with a reason…"), permissions=["change"]
    )
    def reverse(self, request: HttpRequest, queryset: QuerySet[Verdict]) -> HttpResponse | None:
        standing = queryset.filter(reversed_at__isnull=True).select_related("theory")
        form = ReverseVerdictForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            for verdict in standing:
                services.reverse_verdict(
                    verdict=verdict, moderator=request.user, reason=form.cleaned_data["reason"]
                )
            self.message_user(
                request,
                gettext("Reversed %(count)d verdict(s).") % {"count": len(standing)},
                messages.SUCCESS,
            )
            return None
        return action_form_page(
            self,
            request,
            "admin/verdict_reverse.html",
            title=gettext("Reverse verdicts"),
            items=standing,
            form=form,
        )
