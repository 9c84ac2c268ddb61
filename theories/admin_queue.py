"""The moderation queue: pending items and open reports in one list, oldest first."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from accounts.models import User
from theories import moderation
from theories.models import (
    Comment,
    ContentStatus,
    Moderated,
    Quote,
    RemovalReason,
    Report,
    ReportState,
    Theory,
)

KINDS: dict[str, type[Moderated]] = {"theory": Theory, "comment": Comment, "quote": Quote}
AUTHOR_FIELD = {Theory: "author", Comment: "author", Quote: "suggested_by"}
ACTIONS = {
    "approve": "Approve",
    "hide": "Hide",
    "remove": "Remove (with the reason below)",
    "restore": "Restore",
    "dismiss": "Dismiss the reports",
    "verify": "Verify quote",
}


@dataclass
class Entry:
    kind: str
    item: Moderated
    waiting_since: datetime
    reports: list[Report] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.item.pk}"

    @property
    def text(self) -> str:
        return self.item.text if isinstance(self.item, Quote) else self.item.body

    @property
    def author(self) -> User | None:
        return getattr(self.item, AUTHOR_FIELD[type(self.item)])

    @property
    def reporter_count(self) -> int:
        return len({r.reporter_id for r in self.reports})

    @property
    def report_weight(self) -> int:
        return sum(r.weight for r in self.reports)

    @property
    def reasons(self) -> list[tuple[str, int]]:
        counts = Counter(r.get_reason_display() for r in self.reports)
        return counts.most_common()

    @property
    def change_url(self) -> str:
        meta = self.item._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.item.pk])


def _can_moderate(user: User, model: type[Model]) -> bool:
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"theories.change_{model._meta.model_name}")
    )


def entries(user: User) -> list[Entry]:
    found: list[Entry] = []
    for kind, model in KINDS.items():
        if not _can_moderate(user, model):
            continue
        target_type = ContentType.objects.get_for_model(model)
        open_reports = Report.objects.filter(target_type=target_type, state=ReportState.OPEN)
        related = AUTHOR_FIELD[model]
        items = model.objects.filter(
            Q(status=ContentStatus.PENDING) | Q(pk__in=open_reports.values("target_id"))
        ).select_related(related)
        if any(field.name == "deleted_at" for field in model._meta.fields):
            items = items.filter(deleted_at__isnull=True)  # its author took it back: nothing waits
        by_item: dict[int, list[Report]] = {}
        for filed in open_reports.select_related("reporter").order_by("created"):
            by_item.setdefault(filed.target_id, []).append(filed)
        for item in items:
            reports = by_item.get(item.pk, [])
            moments = [r.created for r in reports]
            if item.status == ContentStatus.PENDING:
                moments.append(item.created)
            since = min(moments)
            found.append(Entry(kind=kind, item=item, waiting_since=since, reports=reports))
    return sorted(found, key=lambda e: (e.waiting_since, e.key))


def waiting_count(user: User) -> int:
    return len(entries(user)) if user.is_staff else 0


class ActionForm(forms.Form):
    reason = forms.ChoiceField(
        choices=[("", "— reason (needed to remove) —"), *RemovalReason.choices], required=False
    )
    note = forms.CharField(max_length=300, required=False, label="Note (shown to the author)")


def _apply(request: HttpRequest, action: str, keys: list[str], reason: str, note: str) -> int:
    user = request.user
    grouped: dict[str, list[int]] = {}
    for key in keys:
        kind, _, pk = key.partition(":")
        if kind not in KINDS or not pk.isdigit():
            raise ValidationError(f"Unknown item {key!r}.")
        grouped.setdefault(kind, []).append(int(pk))
    done = 0
    for kind, pks in grouped.items():
        model = KINDS[kind]
        if not _can_moderate(user, model):
            raise PermissionDenied
        items = list(model.objects.filter(pk__in=pks))
        if action == "approve":
            done += moderation.approve(items=items, moderator=user)
        elif action == "hide":
            done += moderation.hide(items=items, moderator=user, reason=reason, note=note)
        elif action == "remove":
            done += moderation.remove(items=items, moderator=user, reason=reason, note=note)
        elif action == "restore":
            done += moderation.restore(items=items, moderator=user, note=note)
        elif action == "dismiss":
            done += moderation.dismiss_reports(items=items, moderator=user, note=note)
        elif action == "verify" and model is Quote:
            done += moderation.verify_quotes(quotes=items, moderator=user)
        else:
            raise ValidationError(f"“{ACTIONS.get(action, action)}” does not apply to a {kind}.")
    return done


def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not any(_can_moderate(user, model) for model in KINDS.values()):
        raise PermissionDenied
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
                return redirect("admin:moderation_queue")
    context = {
        **admin.site.each_context(request),
        "title": "Moderation queue",
        "entries": entries(user),
        "report_weight_to_hide": settings.REPORT_WEIGHT_TO_HIDE,
        "actions": ACTIONS,
        "form": form,
    }
    return TemplateResponse(request, "admin/moderation_queue.html", context)
