from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import translate_url
from django.utils import translation
from django.views.decorators.http import require_safe

from aouad_site.htmx import HtmxHttpRequest
from notifications.models import Notification
from notifications.services import mark_all_read


@login_required
@require_safe
def notification_list(request: HtmxHttpRequest) -> HttpResponse:
    notifications = list(Notification.objects.filter(recipient=request.user)[:100])
    language = translation.get_language()
    if language != settings.LANGUAGE_CODE:
        # Kept in the site's language (notifications/services.py): here, in the page's.
        with translation.override(settings.LANGUAGE_CODE):
            for notification in notifications:
                notification.url = translate_url(notification.url, language)
    unread = {n.pk for n in notifications if n.read_at is None}
    if unread:
        mark_all_read(user=request.user)
    return render(
        request, "notifications/list.html", {"notifications": notifications, "unread": unread}
    )
