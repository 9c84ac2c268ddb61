"""Every e-mail the site sends goes through `send_email.enqueue(...)`: a request only writes a
task row, and the task worker (`manage.py db_worker`) talks to the mail server.

A failed attempt is tried again after each of RETRY_DELAYS, then given up with one log line.
Arguments are plain strings and lists, so a task row holds everything the mail needs.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.tasks import TaskContext, task
from django.utils import timezone

logger = logging.getLogger(__name__)

# Waits before the second, third and fourth attempts; a dead mail server costs the worker one
# EMAIL_TIMEOUT per attempt, never a request.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))


@task(takes_context=True)
def send_email(
    context: TaskContext,
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html: str | None = None,
    attempt: int = 1,
) -> int:
    """Send one message (a plain body, optionally an HTML alternative); returns how many were
    sent. A mail server that fails, refuses or times out schedules the next attempt."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html is not None:
        message.attach_alternative(html, "text/html")
    try:
        return message.send()
    except (smtplib.SMTPException, OSError) as error:
        retry_later(context, error, attempt=attempt)
        raise


def retry_later(context: TaskContext, error: BaseException, *, attempt: int) -> None:
    task_id = context.task_result.id
    reason = f"{type(error).__name__}: {error}"
    if attempt > len(RETRY_DELAYS) or not send_email.get_backend().supports_defer:
        logger.error("Mail task %s failed %s time(s), giving up (%s)", task_id, attempt, reason)
        return
    delay = RETRY_DELAYS[attempt - 1]
    retry = send_email.using(run_after=timezone.now() + delay).enqueue(
        **{**context.task_result.kwargs, "attempt": attempt + 1}
    )
    logger.warning(
        "Mail task %s failed (%s); attempt %s is task %s in %s s",
        task_id,
        reason,
        attempt + 1,
        retry.id,
        int(delay.total_seconds()),
    )
