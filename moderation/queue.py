"""The moderation queue: pending items and open reports in one list, oldest first."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Case,
    DateTimeField,
    Min,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from moderation.models import ContentStatus, Moderated, Report, ReportState, moderated_models

# The order the queue's filter lists the kinds of content in; any other kind comes after.
CONTENT_ORDER = ("theory", "comment", "quote")


@cache
def kinds() -> dict[str, type[Moderated] | type[User]]:
    """Every moderated model, by its name, and fans' profiles: the queue finds the kinds of
    content in the app registry rather than importing the apps above it."""
    found = {model._meta.model_name: model for model in moderated_models()}
    ordered = {name: found.pop(name) for name in CONTENT_ORDER if name in found}
    return {**ordered, **found, "profile": User}


def _permission(model: type[Model]) -> str:
    """Who may act on a kind: content through its change permission, profiles through the
    moderators' power over fans."""
    if model is User:
        return "accounts.suspend_user"
    return f"{model._meta.app_label}.change_{model._meta.model_name}"


ACTIONS = {
    "approve": _("Approve"),
    "hide": _("Hide"),
    "remove": _("Remove (with the reason below)"),
    "restore": _("Restore"),
    "dismiss": _("Dismiss the reports"),
    "verify": _("Verify quote"),
    "clear_name": _("Clear the display name (profiles)"),
    "clear_bio": _("Clear the bio (profiles)"),
    "remove_avatar": _("Remove the avatar (profiles)"),
}

# How a confirmation names each action: ACTIONS without the hints in brackets.
ACTION_NAMES = {
    **ACTIONS,
    "remove": _("Remove"),
    "clear_name": _("Clear the display name"),
    "clear_bio": _("Clear the bio"),
    "remove_avatar": _("Remove the avatar"),
}


PROFILE_ACTIONS = {"clear_name", "clear_bio", "remove_avatar", "dismiss"}


@dataclass
class Entry:
    kind: str
    item: Moderated | User
    waiting_since: datetime
    reports: list[Report] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.item.pk}"

    @property
    def is_profile(self) -> bool:
        return isinstance(self.item, User)

    @property
    def title(self) -> str:
        if isinstance(self.item, User):
            return (
                f"{self.item.username} ({self.item.display_name})"
                if (self.item.display_name)
                else self.item.username
            )
        return self.item.moderation_title

    @property
    def text(self) -> str:
        if isinstance(self.item, User):
            return self.item.bio
        return self.item.moderation_text

    @property
    def author(self) -> User | None:
        if isinstance(self.item, User):
            return self.item
        return self.item.contributor

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


class Waiting(NamedTuple):
    """One row of the queue before its item is loaded: enough to sort and page by."""

    waiting_since: datetime
    kind: str
    pk: int


def can_moderate(user: User, model: type[Model]) -> bool:
    return user.is_active and user.is_staff and user.has_perm(_permission(model))


def kinds_for(user: User) -> list[str]:
    return [kind for kind, model in kinds().items() if can_moderate(user, model)]


def _open_reports(model: type[Model]) -> QuerySet[Report]:
    target_type = ContentType.objects.get_for_model(model)
    return Report.objects.filter(target_type=target_type, state=ReportState.OPEN)


def waiting(user: User, kind: str = "", language: str = "") -> list[Waiting]:
    """Everything waiting that `user` may act on (of one kind, if given; written in one
    language, if given: kinds that record none are left out then), oldest first: one query per
    kind, reading three columns."""
    found: list[Waiting] = []
    for name in kinds_for(user):
        if kind and name != kind:
            continue
        model = kinds()[name]
        has_language = any(f.name == "language" for f in model._meta.fields)
        if language and not has_language:
            continue
        open_reports = _open_reports(model)
        first_report = (
            open_reports.filter(target_id=OuterRef("pk"))
            .order_by()
            .values("target_id")
            .annotate(first=Min("created"))
            .values("first")
        )
        reported = Q(pk__in=open_reports.values("target_id"))
        if model is User:
            rows = model.objects.filter(reported).annotate(
                since=Subquery(first_report), pending_since=Value(None, DateTimeField())
            )
        else:
            pending = Q(status=ContentStatus.PENDING)
            rows = model.objects.filter(pending | reported).annotate(
                since=Subquery(first_report),
                pending_since=Case(When(pending, then="created"), output_field=DateTimeField()),
            )
            if any(f.name == "deleted_at" for f in model._meta.fields):
                rows = rows.filter(deleted_at__isnull=True)  # taken back: nothing waits
        if language:
            rows = rows.filter(language=language)
        for pk, since, pending_since in rows.values_list("pk", "since", "pending_since"):
            moments = [m for m in (since, pending_since) if m is not None]
            found.append(Waiting(min(moments), name, pk))
    return sorted(found)


def entries(user: User, kind: str = "") -> list[Entry]:
    """The whole queue, loaded (the page shows it a page at a time)."""
    return load_entries(waiting(user, kind))


def load_entries(rows: list[Waiting]) -> list[Entry]:
    """The queue's rows for one page: per kind on it, one query for the items (with their
    authors) and one for their open reports (with the reporters)."""
    pks: dict[str, list[int]] = {}
    for row in rows:
        pks.setdefault(row.kind, []).append(row.pk)
    items: dict[tuple[str, int], Moderated | User] = {}
    reports: dict[tuple[str, int], list[Report]] = {}
    for kind, kind_pks in pks.items():
        model = kinds()[kind]
        loaded = model.objects.filter(pk__in=kind_pks)
        if model is not User:
            loaded = loaded.select_related(model.author_field)
        items.update(((kind, item.pk), item) for item in loaded)
        filed = _open_reports(model).filter(target_id__in=kind_pks).select_related("reporter")
        for one in filed.order_by("created", "pk"):
            reports.setdefault((kind, one.target_id), []).append(one)
    return [
        Entry(
            kind=row.kind,
            item=items[row.kind, row.pk],
            waiting_since=row.waiting_since,
            reports=reports.get((row.kind, row.pk), []),
        )
        for row in rows
        if (row.kind, row.pk) in items  # gone since it was counted
    ]


def waiting_count(user: User) -> int:
    return len(waiting(user)) if user.is_staff else 0
