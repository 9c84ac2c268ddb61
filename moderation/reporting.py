"""Fans' reports: who may file one, how much it weighs, and hiding an item once enough
established fans have reported it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from moderation.actions import log_action, set_status
from moderation.models import (
    ActionKind,
    ContentStatus,
    Moderated,
    ModerationAction,
    Report,
    ReportState,
)
from moderation.standing import counts_toward_hiding


class AlreadyReported(Exception):
    pass


def contributed_by(item: Moderated | User, user: User) -> bool:
    """Whether `user` wrote the item (or suggested the quote, or it is their profile): nobody
    reports their own."""
    if isinstance(item, User):
        return item.pk == user.pk
    return item.contributor_id == user.pk


@transaction.atomic
def report(
    *, reporter: User, item: Moderated | User, reason: str, address: str, note: str = ""
) -> Report:
    """File a fan's report; every report reaches the queue. It weighs 1 toward hiding the item
    until a moderator looks if `counts_toward_hiding` its reporter and no other open report
    from its address (accounts/addresses.py) counts already, else 0. The item hides once the
    weights reach REPORT_WEIGHT_TO_HIDE, unless a moderator has restored it before: then
    reports only queue it. A profile (a User) is never hidden: its reports only queue it."""
    if contributed_by(item, reporter):
        raise PermissionDenied(_("You cannot report your own contribution."))
    target_type = ContentType.objects.get_for_model(item)
    # Locked first: two reports from one address at once cannot both count.
    locked = type(item).objects.select_for_update().get(pk=item.pk)
    open_reports = Report.objects.filter(
        target_type=target_type, target_id=item.pk, state=ReportState.OPEN
    )
    counted = open_reports.filter(weight__gt=0)
    weight = int(counts_toward_hiding(reporter) and not counted.filter(address=address).exists())
    try:
        with transaction.atomic():
            filed = Report.objects.create(
                reporter=reporter,
                target_type=target_type,
                target_id=item.pk,
                reason=reason,
                note=note,
                address=address,
                weight=weight,
            )
    except IntegrityError:
        raise AlreadyReported(_("You have already reported this.")) from None
    if not weight or isinstance(locked, User) or locked.status != ContentStatus.PUBLISHED:
        return filed
    total = counted.aggregate(total=Sum("weight"))["total"]
    restored = ModerationAction.objects.filter(
        target_type=target_type, target_id=item.pk, kind=ActionKind.RESTORE
    ).exists()
    if total >= settings.REPORT_WEIGHT_TO_HIDE and not restored:
        # The reason most counted reports give: uncounted ones cannot choose it.
        top: dict[str, Any] = (
            counted.values("reason").annotate(n=Count("pk")).order_by("-n", "reason").first()
        )
        set_status(locked, ContentStatus.HIDDEN, top["reason"], "")
        with translation.override(settings.LANGUAGE_CODE):  # the public log's one language
            note = _("%(count)d established fans reported it.") % {"count": total}
        log_action(
            moderator=None,
            kind=ActionKind.AUTO_HIDE,
            item=locked,
            reason=top["reason"],
            note=note,
        )
    return filed
