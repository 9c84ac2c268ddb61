from __future__ import annotations

import logging
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django import Settings

from aouad_site.mail import send_email
from tests.aouad_site.mail_servers import (
    QUEUED_TASKS,
    SMTP_TIMEOUT,
    closed_port,
    run_queued_tasks,
    silent_mail_server,
    smtp_mailers,
)

LOCMEM_MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

# The worker's connection closes between tasks, which a test transaction would not survive.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued_tasks(settings: Settings) -> None:
    settings.TASKS = QUEUED_TASKS


def _mail_a_fan() -> str:
    return send_email.enqueue(
        subject="Hello",
        body="Plain words",
        html="<p>Plain words</p>",
        to=["fan@example.com"],
        from_email="team@example.com",
    ).id


def _make_everything_due() -> None:
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


@pytest.mark.usefixtures("queued_tasks")
def test_a_queued_mail_is_sent_only_when_the_worker_runs_it() -> None:
    task_id = _mail_a_fan()

    assert mail.outbox == []
    assert DBTaskResult.objects.get(id=task_id).status == TaskResultStatus.READY

    run_queued_tasks()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.subject, message.body, message.to) == (
        "Hello",
        "Plain words",
        ["fan@example.com"],
    )
    assert message.from_email == "team@example.com"
    assert message.alternatives[0].content == "<p>Plain words</p>"
    assert DBTaskResult.objects.get(id=task_id).status == TaskResultStatus.SUCCESSFUL


@pytest.mark.usefixtures("queued_tasks")
def test_a_mail_server_that_never_answers_fails_the_attempt_and_schedules_a_retry(
    settings: Settings,
) -> None:
    task_id = _mail_a_fan()

    with silent_mail_server() as port:
        settings.MAILERS = smtp_mailers(port)
        started = time.monotonic()
        run_queued_tasks()
        took = time.monotonic() - started

    assert took < SMTP_TIMEOUT * 4  # one timeout, not a hang
    failed = DBTaskResult.objects.get(id=task_id)
    assert failed.status == TaskResultStatus.FAILED
    assert "timed out" in failed.traceback
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.args_kwargs["kwargs"]["to"] == ["fan@example.com"]
    assert abs(retry.run_after - failed.finished_at - timedelta(minutes=1)) < timedelta(seconds=5)
    assert mail.outbox == []


@pytest.mark.usefixtures("queued_tasks")
def test_retries_wait_1_5_and_30_minutes_then_give_up_with_one_log_line(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    settings.MAILERS = smtp_mailers(closed_port())
    _mail_a_fan()
    waits = []

    with caplog.at_level(logging.WARNING, logger="aouad_site.mail"):
        for _ in range(4):
            run_queued_tasks()
            retry = DBTaskResult.objects.filter(status=TaskResultStatus.READY).first()
            if retry is not None:
                waits.append(round((retry.run_after - timezone.now()).total_seconds() / 60))
            _make_everything_due()

    assert waits == [1, 5, 30]
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 4
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    ours = [record for record in caplog.records if record.name == "aouad_site.mail"]
    giving_up = [record for record in ours if "giving up" in record.getMessage()]
    assert len(giving_up) == 1
    assert giving_up[0].levelno == logging.ERROR
    assert "failed 4 time(s)" in giving_up[0].getMessage()
    assert "fan@example.com" not in caplog.text  # addresses stay out of the log
    assert mail.outbox == []


@pytest.mark.usefixtures("queued_tasks")
def test_a_retry_sends_the_mail_once_the_server_is_back(settings: Settings) -> None:
    settings.MAILERS = smtp_mailers(closed_port())
    _mail_a_fan()
    run_queued_tasks()

    settings.MAILERS = LOCMEM_MAILERS
    _make_everything_due()
    run_queued_tasks()

    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_without_a_worker_the_mail_is_sent_by_whoever_asks() -> None:
    result = send_email.enqueue(subject="Hello", body="Hi", to=["fan@example.com"])

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert len(mail.outbox) == 1
    assert not DBTaskResult.objects.exists()


def test_without_a_worker_a_failed_mail_is_given_up_at_once(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    settings.MAILERS = smtp_mailers(closed_port())

    with caplog.at_level(logging.WARNING, logger="aouad_site.mail"):
        result = send_email.enqueue(subject="Hello", body="Hi", to=["fan@example.com"])

    assert result.status == TaskResultStatus.FAILED
    assert "giving up" in caplog.text
    assert not DBTaskResult.objects.exists()
