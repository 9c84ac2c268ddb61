from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from discussion.models import Comment, CommentRevision
from moderation.admin import ModeratedAdmin


class CommentRevisionInline(admin.TabularInline):
    model = CommentRevision
    extra = 0
    can_delete = False
    readonly_fields = ("created", "body")

    def has_add_permission(self, request: HttpRequest, obj: Comment | None = None) -> bool:
        return False


@admin.register(Comment)
class CommentAdmin(ModeratedAdmin):
    list_display = ("__str__", "author", "theory", "status", "created", "deleted_at")
    list_filter = ("status", ("deleted_at", admin.EmptyFieldListFilter))
    search_fields = ("body", "author__username", "theory__title")
    list_select_related = ("author", "theory")
    inlines = [CommentRevisionInline]
    readonly_fields = (
        "theory",
        "author",
        "parent",
        "body",
        "created",
        "edited_at",
        "deleted_at",
        "status",
        "removal_reason",
        "removal_note",
        "published_at",
    )

    def has_delete_permission(self, request: HttpRequest, obj: Comment | None = None) -> bool:
        return False  # comments are hidden or removed, never deleted
