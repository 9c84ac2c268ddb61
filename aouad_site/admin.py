"""Helpers every app's admin uses."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest
from django.template.response import TemplateResponse


def action_form_page(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    template: str,
    *,
    title: str,
    items: QuerySet[Any],
    form: Form,
    context: dict[str, Any] | None = None,
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
            **(context or {}),
        },
    )
