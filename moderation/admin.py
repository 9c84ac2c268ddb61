"""The admin's side of moderation: status actions shared by every moderated model, reports
and the (append-only) moderation log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from aouad_site.admin import action_form_page
from moderation import actions
from moderation.forms import ActionForm
from moderation.models import Moderated, ModerationAction, Report


class ModeratedAdmin(admin.ModelAdmin):
    """Status changes for any moderated model, one at a time or in bulk, always logged."""

    actions = ["approve", "hide", "restore", "remove"]

    def save_model(self, request: HttpRequest, obj: Moderated, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        obj.invalidate_pages()

    @admin.action(description=_("Approve the selected pending items"), permissions=["change"])
    def approve(self, request: HttpRequest, queryset: QuerySet[Moderated]) -> None:
        done = actions.approve(items=queryset, moderator=request.user)
        self.message_user(
            request, gettext("Approved %(count)d item(s).") % {"count": done}, messages.SUCCESS
        )

    @admin.action(description=_("Hide the selected items, with a reason…"), permissions=["change"])
    def hide(self, request: HttpRequest, queryset: QuerySet[Moderated]) -> HttpResponse | None:
        return self._with_reason(request, queryset, actions.hide, "hide")

    @admin.action(
        description=_("Restore the selected hidden or removed items"), permissions=["change"]
    )
    def restore(self, request: HttpRequest, queryset: QuerySet[Moderated]) -> None:
        done = actions.restore(items=queryset, moderator=request.user)
        self.message_user(
            request, gettext("Restored %(count)d item(s).") % {"count": done}, messages.SUCCESS
        )

    @admin.action(
        description=_("Remove the selected items, with a reason…"), permissions=["change"]
    )
    def remove(self, request: HttpRequest, queryset: QuerySet[Moderated]) -> HttpResponse | None:
        return self._with_reason(request, queryset, actions.remove, "remove")

    # Per take-down: the page's title, and what it says once done.
    TAKE_DOWN_WORDS = {
        "hide": (_("Hide with a reason"), _("Hid %(count)d item(s).")),
        "remove": (_("Remove with a reason"), _("Removed %(count)d item(s).")),
    }

    def _with_reason(
        self,
        request: HttpRequest,
        queryset: QuerySet[Moderated],
        take_down: Any,
        action: str,
    ) -> HttpResponse | None:
        """A take-down from the admin list: first a page asking why, then the action."""
        title, done_text = self.TAKE_DOWN_WORDS[action]
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
                self.message_user(request, done_text % {"count": done}, messages.SUCCESS)
                return None
        return action_form_page(
            self,
            request,
            "admin/moderation_reason.html",
            title=title,
            items=queryset,
            form=form,
            context={"action": action},
        )


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
