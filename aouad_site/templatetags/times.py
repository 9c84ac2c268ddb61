"""Times as readers expect them: in the page's zone (UTC in English, KST in Korean, or a fan's
own), the zone always named; static/js/site.js then shows them in the reader's own zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()
SEOUL = ZoneInfo("Asia/Seoul")


@register.filter
def machine_time(value: datetime) -> str:
    """ISO 8601 in UTC to the second, as `<time datetime>` wants it."""
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@register.filter
def zoned(value: datetime | None, style: str = "DATETIME_FORMAT") -> str:
    """The moment in the page's zone, the zone named: "5 December 2026, 08:00 UTC"."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{date_format(local, style)} {local.tzname()}"


@register.simple_tag
def local_time(value: datetime | None, style: str = "DATETIME_FORMAT") -> SafeString | str:
    if value is None:
        return ""
    return format_html(
        '<time datetime="{}" data-local>{}</time>', machine_time(value), zoned(value, style)
    )


@register.simple_tag
def local_date(value: datetime | date | None, style: str = "DATE_FORMAT") -> SafeString | str:
    """A day: of a moment, the day it was in the page's zone."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), date_format(value, style)
    )


@register.simple_tag
def air_time(value: datetime | None) -> SafeString | str:
    """An episode's release in Korea's time, where the show airs, and in the page's zone beside
    it when that differs (which the script turns into the reader's own)."""
    if value is None:
        return ""
    with timezone.override(SEOUL):
        korean = format_html('<time datetime="{}">{}</time>', machine_time(value), zoned(value))
    if timezone.get_current_timezone_name() == SEOUL.key:
        return korean
    return format_html("{} ({})", korean, local_time(value))
