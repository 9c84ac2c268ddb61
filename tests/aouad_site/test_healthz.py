from __future__ import annotations

import threading
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from aouad_site.mail import send_email

QUEUED_TASKS = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})


@pytest.mark.django_db
def test_it_answers_200_when_the_database_answers(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "up",
        "cache": "up",
        "tasks": "inline",
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_answers_503_when_the_database_does_not(client: Client) -> None:
    with mock.patch(
        "aouad_site.views._database_answers", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "down",
        "cache": "up",
        "tasks": "inline",
    }


@pytest.mark.django_db
def test_it_refuses_writes(client: Client) -> None:
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_a_frozen_database_is_reported_within_its_deadline(client: Client) -> None:
    """A stopped (not dead) database accepts the connection and never answers."""
    frozen = threading.Event()

    def hang() -> bool:
        frozen.wait(5)
        return True

    with mock.patch("aouad_site.views._database_answers", side_effect=hang):
        started = time.monotonic()
        response = client.get("/healthz")
        took = time.monotonic() - started
        frozen.set()  # thaw it, so the next check is not queued behind it

    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert took < 2.0


@pytest.mark.django_db
def test_a_page_answers_503_with_retry_after_while_the_database_is_unreachable(
    client: Client,
) -> None:
    with mock.patch(
        "theories.views.lists.Theory.objects.published",
        side_effect=OperationalError("could not connect to server"),
    ):
        response = client.get("/theories/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Back in a moment" in response.content.decode()


def _queue_mail(**kwargs: object) -> str:
    return send_email.enqueue(subject="Hello", body="Hi", to=["fan@example.com"], **kwargs).id


# The queue is read in a thread of its own, which sees only committed rows.
@pytest.mark.django_db(transaction=True)
@QUEUED_TASKS
def test_it_reports_how_many_tasks_wait_and_for_how_long(client: Client) -> None:
    oldest = _queue_mail()
    _queue_mail()
    DBTaskResult.objects.filter(id=oldest).update(
        enqueued_at=timezone.now() - timedelta(seconds=90)
    )
    send_email.using(run_after=timezone.now() + timedelta(minutes=5)).enqueue(
        subject="Later", body="Hi", to=["fan@example.com"]
    )  # not due yet: not waiting

    response = client.get("/healthz")

    assert response.status_code == 200
    tasks = response.json()["tasks"]
    assert tasks["waiting"] == 2
    assert 90 <= tasks["oldest_waiting_seconds"] < 100


@pytest.mark.django_db(transaction=True)
@QUEUED_TASKS
def test_an_empty_task_queue_has_waited_for_nothing(client: Client) -> None:
    response = client.get("/healthz")

    assert response.json()["tasks"] == {"waiting": 0, "oldest_waiting_seconds": 0}


@pytest.mark.django_db
@QUEUED_TASKS
def test_a_task_queue_that_does_not_answer_is_unknown_and_the_site_still_healthy(
    client: Client,
) -> None:
    stuck = threading.Event()

    def hang() -> dict[str, int]:
        stuck.wait(5)
        return {"waiting": 0, "oldest_waiting_seconds": 0}

    with mock.patch("aouad_site.views._task_queue", side_effect=hang):
        started = time.monotonic()
        response = client.get("/healthz")
        took = time.monotonic() - started
        stuck.set()

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "up",
        "cache": "up",
        "tasks": "unknown",
    }
    assert took < 1.0


@pytest.mark.django_db
@QUEUED_TASKS
def test_a_task_queue_that_fails_is_unknown_and_the_site_still_healthy(client: Client) -> None:
    with mock.patch("aouad_site.views._task_queue", side_effect=OperationalError("no such table")):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["tasks"] == "unknown"
