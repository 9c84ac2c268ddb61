"""The admin site, with the moderation queue as its first page for moderators."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.utils.translation import gettext_lazy as _

from moderation.queue import waiting_count
from moderation.views.queue import queue


class SiteAdmin(admin.AdminSite):
    site_header = _("AOUAD Fan Community — moderation")
    site_title = _("AOUAD moderation")
    index_title = _("Moderation and content")

    def get_urls(self) -> list[URLResolver | URLPattern]:
        return [
            path("moderation/", self.admin_view(queue), name="moderation_queue"),
            *super().get_urls(),
        ]

    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        context = {"queue_waiting": waiting_count(request.user), **(extra_context or {})}
        return super().index(request, context)
