"""The moderation queue's page: pending items and open reports, oldest first, a page at a time."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode

from accounts.models import User
from moderation import actions, profiles
from moderation.forms import ActionForm, QueueFilter
from moderation.queue import (
    ACTIONS,
    PROFILE_ACTIONS,
    can_moderate,
    kinds,
    kinds_for,
    load_entries,
    waiting,
)


def _apply(request: HttpRequest, action: str, keys: list[str], reason: str, note: str) -> int:
    user = request.user
    grouped: dict[str, list[int]] = {}
    for key in keys:
        kind, _, pk = key.partition(":")
        if kind not in kinds() or not pk.isdigit():
            raise ValidationError(f"Unknown item {key!r}.")
        grouped.setdefault(kind, []).append(int(pk))
    done = 0
    for kind, pks in grouped.items():
        model = kinds()[kind]
        if not can_moderate(user, model):
            raise PermissionDenied
        items = list(model.objects.filter(pk__in=pks))
        if model is User:
            if action not in PROFILE_ACTIONS:
                raise ValidationError(
                    f"“{ACTIONS.get(action, action)}” does not apply to a profile."
                )
            done += profiles.act(
                action=action, fans=items, moderator=user, reason=reason, note=note
            )
        elif action == "approve":
            done += actions.approve(items=items, moderator=user)
        elif action == "hide":
            done += actions.hide(items=items, moderator=user, reason=reason, note=note)
        elif action == "remove":
            done += actions.remove(items=items, moderator=user, reason=reason, note=note)
        elif action == "restore":
            done += actions.restore(items=items, moderator=user, note=note)
        elif action == "dismiss":
            done += actions.dismiss_reports(items=items, moderator=user, note=note)
        elif action == "verify" and kind == "quote":
            done += actions.verify_quotes(quotes=items, moderator=user)
        else:
            raise ValidationError(f"“{ACTIONS.get(action, action)}” does not apply to a {kind}.")
    return done


def _where(request: HttpRequest) -> tuple[str, str]:
    """The kind shown and the page, as the query string says (ignoring anything else)."""
    found = QueueFilter(request.GET)
    if not found.is_valid():
        return "", ""
    page = found.cleaned_data["page"]
    return found.cleaned_data["kind"], str(page) if page else ""


def _here(kind: str, page: str) -> str:
    query = urlencode({k: v for k, v in (("kind", kind), ("page", page)) if v})
    return reverse("admin:moderation_queue") + (f"?{query}" if query else "")


def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    kinds = kinds_for(user)
    if not kinds:
        raise PermissionDenied
    kind, page_number = _where(request)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        one = request.POST.get("one", "")
        if one:
            action, _, key = one.partition(":")
            keys = [key]
        else:
            action = request.POST.get("action", "")
            keys = request.POST.getlist("items")
        if action not in ACTIONS:
            messages.error(request, "Choose an action.")
        elif not keys:
            messages.error(request, "Select at least one item.")
        else:
            try:
                done = _apply(
                    request, action, keys, form.cleaned_data["reason"], form.cleaned_data["note"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, f"{ACTIONS[action].split(' (')[0]}: {done} item(s) done.")
                # Back to the same page: it may now hold rows that were on the next one.
                return redirect(_here(kind, page_number))
    rows = waiting(user, kind)
    page = Paginator(rows, settings.MODERATION_QUEUE_PER_PAGE).get_page(page_number)
    context = {
        **admin.site.each_context(request),
        "title": "Moderation queue",
        "page": page,
        "entries": load_entries(list(page.object_list)),
        "kind": kind,
        "kinds": kinds,
        "report_weight_to_hide": settings.REPORT_WEIGHT_TO_HIDE,
        "actions": ACTIONS,
        "form": form,
    }
    return TemplateResponse(request, "admin/moderation_queue.html", context)
