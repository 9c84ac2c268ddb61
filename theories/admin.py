from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from aouad_site.admin import action_form_page
from discussion.models import Comment, CommentRevision
from moderation.models import Moderated, ModerationAction, Report
from quotes.models import Quote, Source
from theories import moderation
from theories.admin_queue import ActionForm
from theories.models import Citation, Theory, TheoryRevision, Vote
from verdicts.services import set_deciding_episode


class ModeratedAdmin(admin.ModelAdmin):
    """Status changes for any moderated model, one at a time or in bulk, always logged."""

    actions = ["approve", "hide", "restore", "remove"]

    def save_model(self, request: HttpRequest, obj: Moderated, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        obj.invalidate_pages()

    @admin.action(description="Approve the selected pending items", permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Moderated]) -> None:
        done = moderation.approve(items=queryset, moderator=request.user)
        self.message_user(request, f"Approved {done} item(s).", messages.SUCCESS)

    @admin.action(description="Hide the selected items, with a reason…", permissions=["change"])
    def hide(self, request: HttpRequest, queryset: QuerySet[Moderated]) -> HttpResponse | None:
        return self._with_reason(request, queryset, moderation.hide, "hide", "Hid")

    @admin.action(
        description="Restore the selected hidden or removed items", permissions=["change"]
    )
    def restore(self, request: HttpRequest, queryset: QuerySet[Moderated]) -> None:
        done = moderation.restore(items=queryset, moderator=request.user)
        self.message_user(request, f"Restored {done} item(s).", messages.SUCCESS)

    @admin.action(description="Remove the selected items, with a reason…", permissions=["change"])
    def remove(self, request: HttpRequest, queryset: QuerySet[Moderated]) -> HttpResponse | None:
        return self._with_reason(request, queryset, moderation.remove, "remove", "Removed")

    def _with_reason(
        self,
        request: HttpRequest,
        queryset: QuerySet[Moderated],
        take_down: Any,
        action: str,
        done_word: str,
    ) -> HttpResponse | None:
        """A take-down from the admin list: first a page asking why, then the action."""
        form = ActionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                done = take_down(
                    items=queryset,
                    moderator=request.user,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error("reason", error)
            else:
                self.message_user(request, f"{done_word} {done} item(s).", messages.SUCCESS)
                return None
        return action_form_page(
            self,
            request,
            "admin/moderation_reason.html",
            title=f"{action.capitalize()} with a reason",
            items=queryset,
            form=form,
            context={"action": action},
        )


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
        description="Verify the selected quotes (checked against their source)",
        permissions=["change"],
    )
    def verify(self, request: HttpRequest, queryset: QuerySet[Quote]) -> None:
        done = moderation.verify_quotes(quotes=queryset, moderator=request.user)
        self.message_user(request, f"{done} quote(s) verified.", messages.SUCCESS)


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


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("__str__", "reporter", "reason", "weight", "state", "created", "resolved_by")
    list_filter = ("state", "reason", "target_type")
    list_select_related = ("reporter", "target_type", "resolved_by")
    readonly_fields = [f.name for f in Report._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = (
        "created",
        "kind",
        "target_type",
        "target_id",
        "target_title",
        "moderator",
        "reason",
        "note",
    )
    list_filter = ("kind", "reason", "target_type")
    search_fields = ("target_title", "note", "moderator__username")
    list_select_related = ("moderator", "target_type")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: ModerationAction | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: ModerationAction | None = None
    ) -> bool:
        return False  # the log is append-only


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
