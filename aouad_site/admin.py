"""The admin site, with the moderation queue as its first page for moderators."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, path


class SiteAdmin(admin.AdminSite):
    site_header = "AOUAD Fan Community — moderation"
    site_title = "AOUAD moderation"
    index_title = "Moderation and content"

    def get_urls(self) -> list[URLResolver | URLPattern]:
        from theories.admin_queue import queue

        return [
            path("moderation/", self.admin_view(queue), name="moderation_queue"),
            *super().get_urls(),
        ]

    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        from theories.admin_queue import waiting_count

        context = {"queue_waiting": waiting_count(request.user), **(extra_context or {})}
        return super().index(request, context)


def action_form_page(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    template: str,
    *,
    title: str,
    items: QuerySet[Any],
    form: Form,
) -> TemplateResponse:
    """The page an admin action shows when it needs a form first (a reason, a date)."""
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "title": title,
            "items": items,
            "form": form,
            "opts": model_admin.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        },
    )
