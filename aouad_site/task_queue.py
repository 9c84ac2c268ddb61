"""How far behind the task worker is: tasks due and not started, and the oldest one's wait.
Read by /healthz (informational) and by /metrics at scrape time."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypedDict

from django.db.models import Case, Count, F, Min, When
from django.tasks import task_backends
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max
from prometheus_client.core import GaugeMetricFamily


class Depth(TypedDict):
    waiting: int
    oldest_waiting_seconds: int


def is_queued() -> bool:
    """Whether tasks wait for a worker (production) rather than run inside the request."""
    return isinstance(task_backends["default"], DatabaseBackend)


def depth() -> Depth:
    due_since = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
    queue = DBTaskResult.objects.ready().aggregate(waiting=Count("id"), since=Min(due_since))
    oldest = 0 if queue["since"] is None else (timezone.now() - queue["since"]).total_seconds()
    return {"waiting": queue["waiting"], "oldest_waiting_seconds": max(0, round(oldest))}


def collect() -> Iterator[GaugeMetricFamily]:
    """A METRICS_COLLECTORS entry: nothing when tasks run inline."""
    if not is_queued():
        return
    now = depth()
    yield GaugeMetricFamily(
        "aouad_task_queue_waiting", "Tasks due and not yet started.", value=now["waiting"]
    )
    yield GaugeMetricFamily(
        "aouad_task_queue_oldest_waiting_seconds",
        "How long the oldest due task has waited.",
        value=now["oldest_waiting_seconds"],
    )
