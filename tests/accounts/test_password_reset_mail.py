from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from django.core import mail
from django.tasks import TaskResultStatus
from django.test import Client
from django_tasks_db.models import DBTaskResult
from pytest_django import Settings

from accounts.models import User
from tests.aouad_site.mail_servers import (
    QUEUED_TASKS,
    SMTP_TIMEOUT,
    run_queued_tasks,
    silent_mail_server,
    smtp_mailers,
)

# The worker's connection closes between tasks, which a test transaction would not survive.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued_tasks(settings: Settings) -> None:
    settings.TASKS = QUEUED_TASKS


def _ask_for_a_reset(client: Client, email: str) -> tuple[int, float]:
    started = time.monotonic()
    response = client.post("/accounts/password_reset/", {"email": email})
    return response.status_code, time.monotonic() - started


@pytest.mark.usefixtures("queued_tasks")
def test_a_reset_request_queues_the_mail_and_the_worker_sends_it(
    client: Client, author: User
) -> None:
    status, _ = _ask_for_a_reset(client, "author@example.com")

    assert status == 302
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    assert queued.task_path == "aouad_site.mail.send_email"
    assert queued.args_kwargs["kwargs"]["to"] == ["author@example.com"]

    run_queued_tasks()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["author@example.com"]
    assert message.subject == "Reset your AOUAD Fan Community password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)
    assert client.get(link, follow=True).context["validlink"]


@pytest.mark.usefixtures("queued_tasks")
def test_a_reset_for_an_unknown_address_queues_nothing(client: Client) -> None:
    status, _ = _ask_for_a_reset(client, "nobody@example.com")

    assert status == 302
    assert not DBTaskResult.objects.exists()


@pytest.mark.usefixtures("queued_tasks")
def test_a_mail_server_that_never_answers_does_not_delay_the_reset_page(
    client: Client,
    author: User,
    settings: Settings,
    record_property: Callable[[str, object], None],
) -> None:
    with silent_mail_server() as port:
        settings.MAILERS = smtp_mailers(port)
        status, took = _ask_for_a_reset(client, "author@example.com")
        run_queued_tasks()
    record_property("reset_page_seconds", round(took, 3))

    assert status == 302
    assert took < 1.0
    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == TaskResultStatus.FAILED
    assert "timed out" in first.traceback
    assert retry.status == TaskResultStatus.READY
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert mail.outbox == []


def test_without_a_worker_the_reset_page_would_wait_on_the_mail_server(
    client: Client,
    author: User,
    settings: Settings,
    record_property: Callable[[str, object], None],
) -> None:
    """The negative control: tasks run inline (development) hold the page for the timeout."""
    with silent_mail_server() as port:
        settings.MAILERS = smtp_mailers(port)
        status, took = _ask_for_a_reset(client, "author@example.com")
    record_property("reset_page_seconds", round(took, 3))

    assert status == 302
    assert took >= SMTP_TIMEOUT
