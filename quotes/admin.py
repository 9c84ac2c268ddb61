from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from moderation import actions
from moderation.admin import ModeratedAdmin
from quotes.models import Quote, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("outlet", "title", "published_on", "language")
    search_fields = ("outlet", "title", "url")
    list_filter = ("language",)


@admin.register(Quote)
class QuoteAdmin(ModeratedAdmin):
    list_display = ("__str__", "speaker", "source", "status", "verified", "suggested_by", "created")
    list_filter = ("status", "verified", "speaker")
    search_fields = ("text", "original_text", "speaker", "source__outlet", "source__title")
    autocomplete_fields = ["source", "characters"]
    readonly_fields = (
        "status",
        "removal_reason",
        "removal_note",
        "published_at",
        "verified",
        "verified_by",
        "verified_at",
        "suggested_by",
        "created",
    )
    list_select_related = ("source", "suggested_by")
    actions = [*ModeratedAdmin.actions, "verify"]

    @admin.action(
        description=_("Verify the selected quotes (checked against their source)"),
        permissions=["change"],
    )
    def verify(self, request: HttpRequest, queryset: QuerySet[Quote]) -> None:
        done = actions.verify_quotes(quotes=queryset, moderator=request.user)
        self.message_user(
            request, gettext("%(count)d quote(s) verified.") % {"count": done}, messages.SUCCESS
        )
