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
from django.utils.translation import gettext

from accounts.models import User
from moderation import actions, profiles
from moderation.forms import ActionForm, QueueFilter
from moderation.queue import (
    ACTION_NAMES,
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
            raise ValidationError(gettext("Unknown item %(key)r.") % {"key": key}, code="unknown")
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
                    gettext("“%(action)s” does not apply to a profile.")
                    % {"action": ACTIONS.get(action, action)},
                    code="not_for_profiles",
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
            raise ValidationError(
                # Translators: "“Verify quote” does not apply to a theory."
                gettext("“%(action)s” does not apply to a %(kind)s.")
                % {"action": ACTIONS.get(action, action), "kind": model._meta.verbose_name},
                code="not_for_kind",
            )
    return done


def _where(request: HttpRequest) -> dict[str, str]:
    """The kind and language shown and the page, as the query string says (ignoring anything
    else)."""
    found = QueueFilter(request.GET)
    if not found.is_valid():
        return {"kind": "", "language": "", "page": ""}
    page = found.cleaned_data["page"]
    return {**found.cleaned_data, "page": str(page) if page else ""}


def _here(where: dict[str, str]) -> str:
    query = urlencode({k: v for k, v in where.items() if v})
    return reverse("admin:moderation_queue") + (f"?{query}" if query else "")


def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    kinds = kinds_for(user)
    if not kinds:
        raise PermissionDenied
    where = _where(request)
    kind, language = where["kind"], where["language"]
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
            messages.error(request, gettext("Choose an action."))
        elif not keys:
            messages.error(request, gettext("Select at least one item."))
        else:
            try:
                done = _apply(
                    request, action, keys, form.cleaned_data["reason"], form.cleaned_data["note"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    gettext("%(action)s: %(count)d item(s) done.")
                    % {"action": ACTION_NAMES[action], "count": done},
                )
                # Back to the same page: it may now hold rows that were on the next one.
                return redirect(_here(where))
    rows = waiting(user, kind, language)
    page = Paginator(rows, settings.MODERATION_QUEUE_PER_PAGE).get_page(where["page"])
    context = {
        **admin.site.each_context(request),
        "title": gettext("Moderation queue"),
        "page": page,
        "entries": load_entries(list(page.object_list)),
        "kind": kind,
        "kinds": kinds,
        "language": language,
        "languages": settings.LANGUAGES,
        # Kept on the page links: the filters chosen.
        "filter_query": urlencode({k: v for k, v in where.items() if v and k != "page"}),
        "report_weight_to_hide": settings.REPORT_WEIGHT_TO_HIDE,
        "actions": ACTIONS,
        "form": form,
    }
    return TemplateResponse(request, "admin/moderation_queue.html", context)
