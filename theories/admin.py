from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from moderation.admin import ModeratedAdmin
from theories.models import Citation, Theory, TheoryRevision, Vote
from theories.services import set_deciding_episode


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
class TheoryAdmin(ModeratedAdmin):
    list_display = ("title", "author", "status", "outcome", "score", "created", "deleted_at")
    list_filter = ("status", "outcome", "spoiler", ("deleted_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "body", "author__username")
    list_select_related = ("author",)
    autocomplete_fields = ["characters"]
    exclude = ("slug",)
    inlines = [CitationInline, RevisionInline]
    counters = ("score", "upvotes", "downvotes", "hot", "best", "controversy")
    moderation_fields = ("status", "removal_reason", "removal_note", "published_at")

    def get_readonly_fields(
        self, request: HttpRequest, obj: Theory | None = None
    ) -> tuple[str, ...]:
        fixed = (
            "author",
            "outcome",
            "locked_at",
            "created",
            "edited_at",
            "deleted_at",
            *self.counters,
            *self.moderation_fields,
        )
        if obj is not None and (obj.is_locked or obj.is_resolved):
            # Judged as it stood when its episode aired: nobody rewrites it or re-ties it now
            # (a wrong verdict is reversed; a wrong “aired” is taken back on the episode).
            return (*fixed, "title", "body", "spoiler", "characters", "episode", "decided_by")
        if request.user.is_superuser:
            return fixed
        # Moderators change a theory's status through the actions, never a fan's words.
        return (*fixed, "title", "body", "spoiler", "characters", "episode")

    def save_model(self, request: HttpRequest, obj: Theory, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "decided_by" in form.changed_data:
            # Locks it at once if that episode has already aired.
            set_deciding_episode(theory=obj, episode=obj.decided_by)

    def has_delete_permission(self, request: HttpRequest, obj: Theory | None = None) -> bool:
        return False  # theories are hidden or removed, never deleted


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
