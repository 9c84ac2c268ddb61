from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from theories.models import Citation, Quote, Source, Theory, TheoryRevision, Vote
from theories.services import verify_quotes


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("outlet", "title", "published_on", "language")
    search_fields = ("outlet", "title", "url")
    list_filter = ("language",)


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ("__str__", "speaker", "source", "verified", "suggested_by", "created")
    list_filter = ("verified", "speaker")
    search_fields = ("text", "original_text", "speaker", "source__outlet", "source__title")
    autocomplete_fields = ["source", "characters"]
    readonly_fields = ("verified_by", "verified_at", "suggested_by", "created")
    list_select_related = ("source", "suggested_by")
    actions = ["verify"]

    @admin.action(description="Verify the selected quotes (checked against their source)")
    def verify(self, request: HttpRequest, queryset: QuerySet[Quote]) -> None:
        count = verify_quotes(quotes=queryset, moderator=request.user)
        self.message_user(request, f"{count} quote(s) verified.", messages.SUCCESS)


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["quote"]


class RevisionInline(admin.TabularInline):
    model = TheoryRevision
    extra = 0
    can_delete = False
    readonly_fields = ("created", "title", "body")

    def has_add_permission(self, request: HttpRequest, obj: Theory | None = None) -> bool:
        return False


@admin.register(Theory)
class TheoryAdmin(admin.ModelAdmin):
    list_display = ("title", "author", "status", "score", "created", "deleted_at")
    list_filter = ("status", "spoiler", ("deleted_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "body", "author__username")
    list_select_related = ("author",)
    autocomplete_fields = ["characters"]
    readonly_fields = (
        "author",
        "created",
        "edited_at",
        "deleted_at",
        "score",
        "upvotes",
        "downvotes",
        "hot",
        "best",
        "controversy",
    )
    exclude = ("slug",)
    inlines = [CitationInline, RevisionInline]


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ("theory", "user", "value", "created")
    list_select_related = ("theory", "user")
    search_fields = ("theory__title", "user__username")

    def has_change_permission(self, request: HttpRequest, obj: Vote | None = None) -> bool:
        return False  # counters live on the theory: votes change only through voting

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Vote | None = None) -> bool:
        return False
