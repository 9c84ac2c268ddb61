from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_safe

from aouad_site.htmx import HtmxHttpRequest
from aouad_site.locale import path_in
from notifications.models import Notification
from notifications.services import mark_all_read


@login_required
@require_safe
def notification_list(request: HtmxHttpRequest) -> HttpResponse:
    notifications = list(Notification.objects.filter(recipient=request.user)[:100])
    for notification in notifications:  # kept in the site's language: here, in the page's
        notification.url = path_in(notification.url, translation.get_language())
    unread = {n.pk for n in notifications if n.read_at is None}
    if unread:
        mark_all_read(user=request.user)
    return render(
        request, "notifications/list.html", {"notifications": notifications, "unread": unread}
    )
